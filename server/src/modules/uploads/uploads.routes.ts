import { errorDto } from '@quancheng/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errorResponses } from '../../http/responses';
import { actorOf } from '../../http/request-context';
import { UPLOADS_PATH, type UploadsService } from './uploads.service';

const DESCRIPTION =
  'tus 1.0 resumable upload (extensions: creation, creation-with-upload, termination). ' +
  'Headers, not JSON: see server/src/modules/uploads/README.md. The final PATCH answers 200 with the ingest result as JSON.';

/**
 * Mounts the tus server under /api/uploads. The global auth hook runs first (session, CSRF on
 * POST/PATCH/DELETE); the body of a PATCH is left unread by Fastify and streamed by tus.
 */
export function registerUploadRoutes(app: FastifyInstance, uploads: UploadsService): void {
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => {
    done(null, undefined);
  });
  const handler = (request: FastifyRequest, reply: FastifyReply) =>
    uploads.handle(request, reply, actorOf(request));
  const tags = ['uploads'];
  // Documentation only: tus answers with headers, and the route hijacks the reply, so nothing
  // here is serialised by Fastify.
  const headersOnly = z.null().describe('tus headers (Upload-Offset, Location, Tus-Resumable …), no body');
  const response = {
    200: z.record(z.string(), z.unknown()).describe('the last PATCH: the ingest result'),
    201: headersOnly,
    204: headersOnly,
    ...errorResponses,
    413: errorDto,
    507: errorDto,
  };

  app.post(
    UPLOADS_PATH,
    { schema: { tags, summary: 'Create an upload (tus)', description: DESCRIPTION, response } },
    handler,
  );
  app.route({
    method: ['HEAD', 'PATCH', 'DELETE'],
    url: `${UPLOADS_PATH}/:id`,
    schema: { tags, summary: 'Offset, append, terminate (tus)', description: DESCRIPTION, response },
    handler,
  });
}
