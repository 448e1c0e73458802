import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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

  app.post(
    UPLOADS_PATH,
    { schema: { tags, summary: 'Create an upload (tus)', description: DESCRIPTION } },
    handler,
  );
  app.route({
    method: ['HEAD', 'PATCH', 'DELETE'],
    url: `${UPLOADS_PATH}/:id`,
    schema: { tags, summary: 'Offset, append, terminate (tus)', description: DESCRIPTION },
    handler,
  });
}
