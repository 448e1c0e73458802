import {
  idParam,
  recordingCorrectionInput,
  recordingDto,
  recordingHistory,
  recordingLinkDto,
  recordingLinkInput,
  recordingLinkList,
  recordingList,
  recordingListQuery,
} from '@quancheng/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/request-context';
import { errorResponses } from '../../http/responses';
import type { RecordingLinks } from './recordings.links';
import type { MediaAnswer, RecordingMedia } from './recordings.media';
import type { RecordingsService } from './recordings.service';

const linkParams = z.object({ id: z.uuid(), linkId: z.uuid() });
const unlinkQuery = z.object({ reason: z.string().trim().min(1).max(500).optional() });

function sendMedia(reply: FastifyReply, answer: MediaAnswer): FastifyReply {
  return reply.status(answer.status).headers(answer.headers).send(answer.body);
}

export function registerRecordingRoutes(
  app: FastifyInstance,
  recordings: RecordingsService,
  media: RecordingMedia,
  links: RecordingLinks,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['recordings'];
  const binary = {
    tags,
    params: idParam,
    response: { ...errorResponses, 409: errorResponses[409], 416: errorResponses[400] },
  };

  r.get(
    '/api/recordings',
    {
      schema: { tags, querystring: recordingListQuery, response: { 200: recordingList, ...errorResponses } },
    },
    (req) => recordings.list(actorOf(req), req.query),
  );

  r.get(
    '/api/recordings/:id',
    { schema: { tags, params: idParam, response: { 200: recordingDto, ...errorResponses } } },
    (req) => recordings.get(actorOf(req), req.params.id),
  );

  r.patch(
    '/api/recordings/:id',
    {
      schema: {
        tags,
        params: idParam,
        body: recordingCorrectionInput,
        response: { 200: recordingDto, ...errorResponses },
      },
    },
    (req) => recordings.correct(actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/recordings/:id/history',
    { schema: { tags, params: idParam, response: { 200: recordingHistory, ...errorResponses } } },
    (req) => recordings.history(actorOf(req), req.params.id),
  );

  r.get('/api/recordings/:id/stream', { schema: binary }, async (req, reply) =>
    sendMedia(reply, await media.stream(actorOf(req), req.params.id, req.headers.range)),
  );

  r.get('/api/recordings/:id/poster', { schema: binary }, async (req, reply) =>
    sendMedia(reply, await media.poster(actorOf(req), req.params.id)),
  );

  r.get('/api/recordings/:id/original', { schema: binary }, async (req, reply) =>
    sendMedia(reply, await media.original(actorOf(req), req.params.id)),
  );

  r.get(
    '/api/recordings/:id/links',
    { schema: { tags, params: idParam, response: { 200: recordingLinkList, ...errorResponses } } },
    (req) => links.list(actorOf(req), req.params.id),
  );

  r.post(
    '/api/recordings/:id/links',
    {
      schema: {
        tags,
        params: idParam,
        body: recordingLinkInput,
        response: { 201: recordingLinkDto, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await links.link(actorOf(req), req.params.id, req.body)),
  );

  r.delete(
    '/api/recordings/:id/links/:linkId',
    {
      schema: {
        tags,
        params: linkParams,
        querystring: unlinkQuery,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await links.unlink(actorOf(req), req.params.id, req.params.linkId, req.query.reason ?? null);
      return reply.status(204).send(null);
    },
  );
}
