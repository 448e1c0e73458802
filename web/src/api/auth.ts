import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { meDto, type ChangePasswordInput, type LoginInput, type MeDto } from '@quancheng/contracts';
import { api, apiVoid, isApiError, isUnauthenticated } from './client';
import { clearSignOutNotes, noteDeliberateSignOut, noteSessionLost } from './sign-out-notes';
import { meQueryKey } from './query-client';

/** The signed-in user, or null when nobody is signed in (401). */
export function useMe() {
  return useQuery<MeDto | null>({
    queryKey: meQueryKey,
    queryFn: async ({ signal }) => {
      try {
        return await api('GET', '/api/auth/me', meDto, { signal });
      } catch (error) {
        if (isUnauthenticated(error)) {
          if (isApiError(error) && error.code === 'auth.session_expired') {
            noteSessionLost(error.message);
          }
          return null;
        }
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api('POST', '/api/auth/login', meDto, { body: input }),
    onSuccess: (me) => {
      clearSignOutNotes();
      // Nothing cached for a previous user may leak into this session.
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => {
      noteDeliberateSignOut();
      return apiVoid('POST', '/api/auth/logout');
    },
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => api('POST', '/api/auth/password', meDto, { body: input }),
    onSuccess: (me) => {
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}
