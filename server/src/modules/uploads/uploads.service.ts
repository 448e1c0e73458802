import path from 'node:path';
import { pickLang, translate, type Lang, type MessageKey, type MessageParam } from '@quancheng/contracts';
import { ERRORS, Server, type CancellationContext, type Upload } from '@tus/server';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../http/errors';
import type { Actor } from '../../security/actor';
import { EvidenceUploadStore, OWNER_KEY, TusFailure } from './uploads.store';
import type { IngestSink } from './uploads.sink';
import { uploadsPolicy } from './uploads.policy';
import { RawBody, sendTusResponse, tusRequestFrom } from './uploads.request';

export const UPLOADS_PATH = '/api/uploads';

interface RequestContext {
  actor: Actor;
  lang: Lang;
  log: FastifyBaseLogger;
  requestId: string;
}

/** The Node request/response under tus's fetch-style request (srvx on Node). */
interface TusRequest {
  method: string;
  headers: Headers;
  runtime?: { node?: { req?: object; res?: { setHeader(name: string, value: string): unknown } } };
}

export interface UploadsService {
  /** Hands an authenticated, authorised request to the tus server; the reply is hijacked. */
  handle(request: FastifyRequest, reply: FastifyReply, actor: Actor): Promise<void>;
  readonly store: EvidenceUploadStore;
}

export interface UploadsOptions {
  dataDir: string;
  maxBytes: number;
  sink: IngestSink;
}

/**
 * Resumable uploads (tus 1.0: creation, termination) of evidence files, kept under
 * `DATA_DIR/uploads` while in progress. When the last byte is durable the `IngestSink` turns the
 * file into evidence and its answer becomes the final PATCH's JSON body.
 */
export async function createUploadsService(options: UploadsOptions): Promise<UploadsService> {
  const store = new EvidenceUploadStore(path.join(options.dataDir, 'uploads'));
  await store.init();
  const contexts = new WeakMap<object, RequestContext>();
  const contextOf = (req: TusRequest): RequestContext => {
    const raw = req.runtime?.node?.req;
    const context = raw ? contexts.get(raw) : undefined;
    if (!context) {
      throw new Error('upload request without its context');
    }
    return context;
  };

  const tus = new Server({
    path: UPLOADS_PATH,
    datastore: store,
    maxSize: options.maxBytes,
    relativeLocation: true,
    allowedOrigins: [],
    disableTerminationForFinishedUploads: true,
    onIncomingRequest: async (req, id) => {
      if (req.method === 'POST') {
        return;
      }
      if (!uploadsPolicy.continue(contextOf(req).actor, await store.ownerOf(id))) {
        throw new AppError(404, 'not_found');
      }
    },
    onUploadCreate: (req, upload) => {
      if (upload.size === 0) {
        throw new AppError(400, 'upload.empty');
      }
      const { [OWNER_KEY]: _ignored, ...metadata } = upload.metadata ?? {};
      return Promise.resolve({ metadata: { ...metadata, [OWNER_KEY]: contextOf(req).actor.id } });
    },
    onUploadFinish: async (req, upload) => {
      const body = await complete(store, options.sink, contextOf(req), upload);
      // Completed by creation-with-upload: 201 keeps the Location header tus clients require.
      const status_code = req.method === 'POST' ? 201 : 200;
      return { status_code, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body };
    },
    onResponseError: (req, error) => {
      const context = contextOf(req);
      req.runtime?.node?.res?.setHeader('Content-Type', 'application/json; charset=utf-8');
      return errorAnswer(error, context, req, options.maxBytes);
    },
  });

  streamBodiesStraightToStore(tus, store);

  return {
    store,
    async handle(request, reply, actor) {
      if (!uploadsPolicy.upload(actor)) {
        throw new AppError(403, 'forbidden');
      }
      const lang = pickLang(request.headers['accept-language']);
      contexts.set(request.raw, { actor, lang, log: request.log, requestId: request.id });
      reply.hijack();
      reply.raw.setHeader('x-request-id', request.id);
      reply.raw.setHeader('x-content-type-options', 'nosniff');
      try {
        await sendTusResponse(reply.raw, await tus.handleWeb(tusRequestFrom(request.raw, reply.raw)));
      } catch (error) {
        // Hijacked: Fastify's error handler cannot answer any more, so answer here.
        request.log.error({ err: error }, 'upload request failed');
        if (!reply.raw.headersSent) {
          const message = translate('internal', lang, { requestId: request.id });
          reply.raw.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
          reply.raw.end(JSON.stringify({ code: 'internal', message }));
        } else {
          reply.raw.destroy();
        }
      }
    },
  };
}

/**
 * Replaces the handlers' `writeToStore` (web stream → Node stream → PassThrough → size limiter →
 * store) with a direct call: the request body is a RawBody, the limit and the cancellation signal
 * are passed to the store, which enforces both (see writeBatches).
 */
function streamBodiesStraightToStore(tus: Server, store: EvidenceUploadStore): void {
  const writeToStore = (body: unknown, upload: Upload, limit: number, context: CancellationContext) => {
    if (!(body instanceof RawBody)) {
      throw new TusFailure(500, 'unexpected request body\n');
    }
    return store.writeFrom(body.stream, upload.id, upload.offset, { limit, signal: context.signal });
  };
  for (const handler of [tus.handlers.PATCH, tus.handlers.POST]) {
    Object.assign(handler, { writeToStore });
  }
}

/** Runs the sink for an upload whose last byte just became durable; returns the JSON body. */
async function complete(
  store: EvidenceUploadStore,
  sink: IngestSink,
  context: RequestContext,
  upload: Upload,
): Promise<string> {
  const done = store.completed(upload.id);
  if (!done) {
    throw new AppError(409, 'upload.incomplete');
  }
  let result: unknown;
  try {
    result = await sink.onUploadComplete({
      uploadId: done.id,
      tempPath: done.path,
      sha256: done.sha256,
      size: done.size,
      metadata: Object.fromEntries(Object.entries(done.metadata).map(([k, v]) => [k, v ?? ''])),
      actor: context.actor,
    });
  } catch (error) {
    if (error instanceof AppError && error.status < 500) {
      await store.remove(done.id);
    } else {
      await store.reopenLastByte(done.id, done.size).catch((e: unknown) => {
        context.log.error({ err: e, uploadId: done.id }, 'could not reopen a failed upload');
      });
    }
    throw error;
  }
  await store.remove(done.id);
  return JSON.stringify(result ?? {});
}

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

function formatBytes(n: number): string {
  if (n >= GiB) {
    return `${+(n / GiB).toFixed(2)} GiB`;
  }
  if (n >= MiB) {
    return `${+(n / MiB).toFixed(1)} MiB`;
  }
  return `${n} B`;
}

/** Every failure as `{code, message}` in the caller's language, like the rest of the API. */
function errorAnswer(
  error: Error | { status_code: number; body: string },
  context: RequestContext,
  req: TusRequest,
  maxBytes: number,
): { status_code: number; body: string } {
  const answer = (status: number, key: MessageKey, params: Record<string, MessageParam> = {}) => ({
    status_code: status,
    body: JSON.stringify({ code: key, message: translate(key, context.lang, params) }),
  });
  if (error instanceof AppError) {
    return answer(error.status, error.code, error.params);
  }
  if (error instanceof TusFailure && error.diskFull) {
    context.log.error({ err: error }, 'upload: storage full');
    return answer(507, 'upload.disk_full');
  }
  const status = 'status_code' in error ? error.status_code : 500;
  if (status === 413 && 'body' in error && error.body === ERRORS.ERR_MAX_SIZE_EXCEEDED.body) {
    const size = Number(req.headers.get('upload-length') ?? 0);
    return answer(413, 'upload.too_large', { max: formatBytes(maxBytes), size: formatBytes(size) });
  }
  switch (status) {
    case 404:
    case 410:
      return answer(status, 'not_found');
    case 409:
      return answer(409, 'upload.offset_conflict');
    case 413:
      return answer(413, 'request.too_large');
  }
  if (status >= 500) {
    context.log.error({ err: error }, 'upload failed');
    return answer(status === 501 ? 501 : 500, 'internal', { requestId: context.requestId });
  }
  return answer(status, 'request.bad');
}
