import {
  documentCreateInput,
  documentReviseInput,
  documentUpdateInput,
  errorDto,
  idParam,
} from '@quancheng/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/request-context';
import { errorResponses } from '../../http/responses';
import { SCAN_MAX_BYTES, SCAN_TYPES } from './documents.files';
import type { FileAnswer } from './documents.media';
import { documentTemplateList, documentView, scanParams } from './documents.schemas';
import type { DocumentsService } from './documents.service';

const tags = ['documents'];
/** Issuing takes no input; an empty JSON object is accepted too. */
const issueInput = z.strictObject({}).nullish();

function sendFile(reply: FastifyReply, answer: FileAnswer): FastifyReply {
  return reply.status(200).headers(answer.headers).send(answer.body);
}

export function registerDocumentRoutes(app: FastifyInstance, documents: DocumentsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const binary = { tags, params: idParam, response: errorResponses };

  r.get(
    '/api/document-templates',
    { schema: { tags, response: { 200: documentTemplateList, ...errorResponses } } },
    (req) => documents.templates(actorOf(req)),
  );

  r.post(
    '/api/cases/:id/documents',
    {
      schema: {
        tags,
        params: idParam,
        body: documentCreateInput,
        response: { 201: documentView, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await documents.draft(actorOf(req), req.params.id, req.body)),
  );

  r.get(
    '/api/documents/:id',
    { schema: { tags, params: idParam, response: { 200: documentView, ...errorResponses } } },
    (req) => documents.get(actorOf(req), req.params.id),
  );

  r.patch(
    '/api/documents/:id',
    {
      schema: {
        tags,
        params: idParam,
        body: documentUpdateInput,
        response: { 200: documentView, ...errorResponses },
      },
    },
    (req) => documents.update(actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/documents/:id/issue',
    {
      schema: { tags, params: idParam, body: issueInput, response: { 200: documentView, ...errorResponses } },
    },
    (req) => documents.issue(actorOf(req), req.params.id),
  );

  r.post(
    '/api/documents/:id/revise',
    {
      schema: {
        tags,
        params: idParam,
        body: documentReviseInput,
        response: { 201: documentView, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await documents.revise(actorOf(req), req.params.id, req.body)),
  );

  r.get('/api/documents/:id/pdf', { schema: binary }, async (req, reply) =>
    sendFile(reply, await documents.file(actorOf(req), req.params.id, 'pdf')),
  );

  r.get('/api/documents/:id/docx', { schema: binary }, async (req, reply) =>
    sendFile(reply, await documents.file(actorOf(req), req.params.id, 'docx')),
  );

  r.get(
    '/api/documents/:id/scans/:scanId',
    { schema: { tags, params: scanParams, response: errorResponses } },
    async (req, reply) =>
      sendFile(reply, await documents.scan(actorOf(req), req.params.id, req.params.scanId)),
  );

  // The scan's bytes arrive raw (PDF, JPEG or PNG, up to 20 MB): a parser for those types in this
  // route's own context, so no other route accepts them.
  void app.register((scoped, _options, done) => {
    scoped.addContentTypeParser(
      [...SCAN_TYPES],
      { parseAs: 'buffer', bodyLimit: SCAN_MAX_BYTES },
      (_req, body, done) => done(null, body),
    );
    scoped.withTypeProvider<ZodTypeProvider>().post(
      '/api/documents/:id/scans',
      {
        bodyLimit: SCAN_MAX_BYTES,
        schema: {
          tags,
          params: idParam,
          headers: z.looseObject({ 'x-file-name': z.string().max(2000).optional() }),
          response: { 201: documentView, ...errorResponses, 413: errorDto, 415: errorDto },
        },
      },
      async (req, reply) =>
        reply.status(201).send(
          await documents.attachScan(actorOf(req), req.params.id, {
            contentType: req.headers['content-type'],
            fileName: req.headers['x-file-name'],
            body: req.body,
          }),
        ),
    );
    done();
  });
}
