import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  userDto,
  userList,
  type Role,
  type UserCreateInput,
  type UserListQuery,
  type UserUpdateInput,
} from '@quancheng/contracts';
import { api } from './client';

export interface UserListParams {
  q?: string;
  unitId?: string;
  role?: Role;
  active?: UserListQuery['active'];
  page: number;
  pageSize: number;
  sort: UserListQuery['sort'];
  order: UserListQuery['order'];
}

const usersKey = ['users'] as const;

/** One server page of people; the previous page stays on screen while the next one loads. */
export function useUsers(params: UserListParams, enabled = true) {
  return useQuery({
    queryKey: [...usersKey, 'list', params],
    queryFn: ({ signal }) => api('GET', '/api/users', userList, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function useUserMutation<I, R>(request: (input: I) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: usersKey }),
        // People counts per unit change too.
        queryClient.invalidateQueries({ queryKey: ['units'] }),
      ]);
    },
  });
}

const userPath = (id: string, suffix = '') => `/api/users/${encodeURIComponent(id)}${suffix}`;

export function useCreateUser() {
  return useUserMutation((input: UserCreateInput) => api('POST', '/api/users', userDto, { body: input }));
}

export function useUpdateUser() {
  return useUserMutation(({ id, input }: { id: string; input: UserUpdateInput }) =>
    api('PATCH', userPath(id), userDto, { body: input }),
  );
}

export function useResetUserPassword() {
  return useUserMutation(({ id, password }: { id: string; password: string }) =>
    api('POST', userPath(id, '/password'), userDto, { body: { password } }),
  );
}

export function useUnlockUser() {
  return useUserMutation((id: string) => api('POST', userPath(id, '/unlock'), userDto));
}
