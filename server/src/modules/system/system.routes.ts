import { healthDto, type HealthDto } from '@quancheng/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pingDatabase, type DatabaseHandle } from '../../db/database';
import type { BlobStore } from '../../storage/blob-store';

export function registerSystemRoutes(
  app: FastifyInstance,
  deps: { database: DatabaseHandle; storage: BlobStore; version: string },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['system'], response: { 200: healthDto, 503: healthDto } } },
    async (_req, reply) => {
      const [dbOk, storageOk] = await Promise.all([pingDatabase(deps.database.db), deps.storage.check()]);
      const body: HealthDto = {
        status: dbOk && storageOk ? 'ok' : 'degraded',
        database: deps.database.dialect,
        storage: { kind: 'local', ok: storageOk },
        version: deps.version,
      };
      return reply.status(body.status === 'ok' ? 200 : 503).send(body);
    },
  );
}
