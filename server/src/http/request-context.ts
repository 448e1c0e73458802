import type { FastifyRequest } from 'fastify';
import type { Authenticated } from '../modules/auth';
import type { Actor } from '../security/actor';
import { AppError } from './errors';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook when the request carries a valid session. */
    auth: Authenticated | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
    /** Reachable while the person must still change an initial password. */
    duringPasswordChange?: boolean;
  }
}

export function authOf(request: FastifyRequest): Authenticated {
  if (!request.auth) {
    throw new AppError(401, 'auth.unauthenticated');
  }
  return request.auth;
}

export function actorOf(request: FastifyRequest): Actor {
  return authOf(request).actor;
}

export function clientMeta(request: FastifyRequest): { ip: string; userAgent?: string } {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip, ...(userAgent ? { userAgent } : {}) };
}
