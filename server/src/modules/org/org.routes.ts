import {
  idParam,
  resetPasswordInput,
  unitCreateInput,
  unitDto,
  unitList,
  unitUpdateInput,
  userCreateInput,
  userDto,
  userList,
  userListQuery,
  userUpdateInput,
} from '@quancheng/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/request-context';
import { errorResponses } from '../../http/responses';
import type { UnitsService } from './units.service';
import type { UsersService } from './users.service';

export function registerOrgRoutes(app: FastifyInstance, units: UnitsService, users: UsersService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const unitTags = ['units'];
  const userTags = ['users'];

  r.get('/api/units', { schema: { tags: unitTags, response: { 200: unitList, ...errorResponses } } }, (req) =>
    units.list(actorOf(req)),
  );

  r.post(
    '/api/units',
    { schema: { tags: unitTags, body: unitCreateInput, response: { 201: unitDto, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await units.create(actorOf(req), req.body)),
  );

  r.patch(
    '/api/units/:id',
    {
      schema: {
        tags: unitTags,
        params: idParam,
        body: unitUpdateInput,
        response: { 200: unitDto, ...errorResponses },
      },
    },
    (req) => units.update(actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/users',
    {
      schema: { tags: userTags, querystring: userListQuery, response: { 200: userList, ...errorResponses } },
    },
    (req) => users.list(actorOf(req), req.query),
  );

  r.get(
    '/api/users/:id',
    { schema: { tags: userTags, params: idParam, response: { 200: userDto, ...errorResponses } } },
    (req) => users.get(actorOf(req), req.params.id),
  );

  r.post(
    '/api/users',
    { schema: { tags: userTags, body: userCreateInput, response: { 201: userDto, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await users.create(actorOf(req), req.body)),
  );

  r.patch(
    '/api/users/:id',
    {
      schema: {
        tags: userTags,
        params: idParam,
        body: userUpdateInput,
        response: { 200: userDto, ...errorResponses },
      },
    },
    (req) => users.update(actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/users/:id/password',
    {
      schema: {
        tags: userTags,
        params: idParam,
        body: resetPasswordInput,
        response: { 200: userDto, ...errorResponses },
      },
    },
    (req) => users.resetPassword(actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/users/:id/unlock',
    { schema: { tags: userTags, params: idParam, response: { 200: userDto, ...errorResponses } } },
    (req) => users.unlock(actorOf(req), req.params.id),
  );
}
