import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError, isPasswordChangeRequired, isUnauthenticated } from './client';
import { noteSessionLost, wasDeliberateSignOut } from './sign-out-notes';

export const meQueryKey = ['auth', 'me'] as const;

/**
 * One query client for the app. Any request that finds the session gone or a password change
 * pending re-reads /api/auth/me, and the route guard then sends the user where they must go.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => onAuthError(error, query.queryKey) }),
    mutationCache: new MutationCache({ onError: (error) => onAuthError(error, null) }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => !(isApiError(error) && error.status < 500) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });

  function onAuthError(error: unknown, queryKey: readonly unknown[] | null): void {
    const isMe = queryKey !== null && queryKey[0] === meQueryKey[0] && queryKey[1] === meQueryKey[1];
    if (isMe) {
      return;
    }
    if (isUnauthenticated(error)) {
      if (!wasDeliberateSignOut()) {
        noteSessionLost(error instanceof Error ? error.message : '');
      }
      client.setQueryData(meQueryKey, null);
    } else if (isPasswordChangeRequired(error)) {
      void client.invalidateQueries({ queryKey: meQueryKey });
    }
  }

  return client;
}
