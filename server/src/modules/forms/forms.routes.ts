import {
  formRangeDetail,
  formRangeList,
  formRangeInput,
  formRangeQuery,
  formVoidInput,
  idParam,
} from '@quancheng/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/request-context';
import { errorResponses } from '../../http/responses';
import type { FormsService } from './forms.service';

export function registerFormRoutes(app: FastifyInstance, forms: FormsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['forms'];

  r.get(
    '/api/form-ranges',
    {
      schema: {
        tags,
        querystring: formRangeQuery,
        response: { 200: formRangeList, ...errorResponses },
      },
    },
    (req) => forms.list(actorOf(req), req.query),
  );

  r.get(
    '/api/form-ranges/:id',
    { schema: { tags, params: idParam, response: { 200: formRangeDetail, ...errorResponses } } },
    (req) => forms.get(actorOf(req), req.params.id),
  );

  r.post(
    '/api/form-ranges',
    { schema: { tags, body: formRangeInput, response: { 201: formRangeDetail, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await forms.register(actorOf(req), req.body)),
  );

  r.post(
    '/api/form-ranges/:id/voids',
    {
      schema: {
        tags,
        params: idParam,
        body: formVoidInput,
        response: { 200: formRangeDetail, ...errorResponses },
      },
    },
    (req) => forms.void(actorOf(req), req.params.id, req.body),
  );
}
