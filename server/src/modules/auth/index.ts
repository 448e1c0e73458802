export { createAuthService, type AuthService, type Authenticated } from './auth.service';
export { registerAuthHooks, SESSION_COOKIE, CSRF_COOKIE, CSRF_HEADER } from './auth.hooks';
export { registerAuthRoutes } from './auth.routes';
