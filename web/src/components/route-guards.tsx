import { createContext, useContext, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { MeDto, Permission } from '@quancheng/contracts';
import { useMe } from '../api/auth';
import { wasDeliberateSignOut } from '../api/sign-out-notes';
import { Forbidden, PageError, PageLoading } from './page-state';

export const PASSWORD_PATH = '/password';

/**
 * The signed-in user as <RequireAuth> last checked it. Read from context rather than the query, so
 * a page never renders with the session gone before the guard has sent the user to /login.
 */
const SignedInContext = createContext<MeDto | null>(null);

export function useSignedIn(): MeDto {
  const me = useContext(SignedInContext);
  if (!me) {
    throw new Error('useSignedIn() outside <RequireAuth>');
  }
  return me;
}

/**
 * Lets through only a signed-in user: nobody → /login (remembering where they were going),
 * a user who must change their password → the change-password page and nowhere else.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return <PageLoading />;
  }
  if (me.isError) {
    return <PageError error={me.error} onRetry={() => void me.refetch()} />;
  }
  if (me.data === null) {
    const from = wasDeliberateSignOut() ? undefined : { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={from} />;
  }
  if (me.data.mustChangePassword && location.pathname !== PASSWORD_PATH) {
    return <Navigate to={PASSWORD_PATH} replace />;
  }
  return <SignedInContext.Provider value={me.data}>{children}</SignedInContext.Provider>;
}

/** Shows its routes only to holders of the permission the API granted (any one of several). */
export function RequirePermission({ permission }: { permission: Permission | readonly Permission[] }) {
  const me = useSignedIn();
  const wanted: readonly Permission[] = typeof permission === 'string' ? [permission] : permission;
  return wanted.some((p) => me.permissions.includes(p)) ? <Outlet /> : <Forbidden />;
}
