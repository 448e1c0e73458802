import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Config } from '../../config';
import { AppError } from '../../http/errors';
import type { AuthService, SessionTokens } from './auth.service';

export const SESSION_COOKIE = 'qc_session';
export const CSRF_COOKIE = 'qc_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Runs before every /api handler: resolves the session cookie, then enforces sign-in, the CSRF
 * double-submit token on state-changing requests, and the forced change of an initial password.
 */
export function registerAuthHooks(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('auth', null);
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) {
      return;
    }
    const config = request.routeOptions.config;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      try {
        request.auth = await auth.authenticate(token);
      } catch (error) {
        if (!config.public) {
          throw error;
        }
      }
    }
    if (config.public) {
      return;
    }
    if (!request.auth) {
      throw new AppError(401, 'auth.unauthenticated');
    }
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !sameToken(header, request.auth.session.csrf_token)) {
        throw new AppError(403, 'auth.csrf');
      }
    }
    if (request.auth.session.user.must_change_password === 1 && !config.duringPasswordChange) {
      throw new AppError(403, 'auth.password_change_required');
    }
  });
}

export function setSessionCookies(
  reply: FastifyReply,
  config: Pick<Config, 'cookieSecure'>,
  tokens: SessionTokens,
) {
  const base = { path: '/', sameSite: 'strict' as const, secure: config.cookieSecure };
  reply.setCookie(SESSION_COOKIE, tokens.token, { ...base, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, tokens.csrfToken, { ...base, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply, config: Pick<Config, 'cookieSecure'>) {
  const base = { path: '/', sameSite: 'strict' as const, secure: config.cookieSecure };
  reply.clearCookie(SESSION_COOKIE, { ...base, httpOnly: true });
  reply.clearCookie(CSRF_COOKIE, base);
}
