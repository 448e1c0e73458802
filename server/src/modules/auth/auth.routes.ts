import { changePasswordInput, loginInput, meDto } from '@quancheng/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import { authOf, clientMeta } from '../../http/request-context';
import { errorResponses } from '../../http/responses';
import type { AuthService } from './auth.service';
import { clearSessionCookies, setSessionCookies } from './auth.hooks';

export function registerAuthRoutes(app: FastifyInstance, auth: AuthService, config: Config): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  r.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: { tags, body: loginInput, response: { 200: meDto, ...errorResponses } },
    },
    async (request, reply) => {
      const tokens = await auth.login(request.body, clientMeta(request));
      setSessionCookies(reply, config, tokens);
      return auth.me(await auth.authenticate(tokens.token));
    },
  );

  r.post(
    '/api/auth/logout',
    {
      config: { duringPasswordChange: true },
      schema: { tags, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await auth.logout(authOf(request));
      clearSessionCookies(reply, config);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/auth/me',
    { config: { duringPasswordChange: true }, schema: { tags, response: { 200: meDto, ...errorResponses } } },
    (request) => auth.me(authOf(request)),
  );

  r.post(
    '/api/auth/password',
    {
      config: { duringPasswordChange: true },
      schema: { tags, body: changePasswordInput, response: { 200: meDto, ...errorResponses } },
    },
    async (request, reply) => {
      const tokens = await auth.changePassword(authOf(request), request.body, clientMeta(request));
      setSessionCookies(reply, config, tokens);
      return auth.me(await auth.authenticate(tokens.token));
    },
  );
}
