import {
  deviceCreateInput,
  deviceDto,
  deviceList,
  deviceListQuery,
  deviceUpdateInput,
  idParam,
} from '@quancheng/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/request-context';
import { errorResponses } from '../../http/responses';
import type { DevicesService } from './devices.service';

export function registerDeviceRoutes(app: FastifyInstance, devices: DevicesService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['devices'];

  r.get(
    '/api/devices',
    { schema: { tags, querystring: deviceListQuery, response: { 200: deviceList, ...errorResponses } } },
    (req) => devices.list(actorOf(req), req.query),
  );

  r.get(
    '/api/devices/:id',
    { schema: { tags, params: idParam, response: { 200: deviceDto, ...errorResponses } } },
    (req) => devices.get(actorOf(req), req.params.id),
  );

  r.post(
    '/api/devices',
    { schema: { tags, body: deviceCreateInput, response: { 201: deviceDto, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await devices.create(actorOf(req), req.body)),
  );

  r.patch(
    '/api/devices/:id',
    {
      schema: {
        tags,
        params: idParam,
        body: deviceUpdateInput,
        response: { 200: deviceDto, ...errorResponses },
      },
    },
    (req) => devices.update(actorOf(req), req.params.id, req.body),
  );
}
