import type { Readable } from 'node:stream';
import { renderDocx, renderPdf, type FieldValues } from '../../documents';
import { AppError, forbidden, invalidField, notFound } from '../../http/errors';
import { neutraliseFileName } from '../../media';
import type { Actor } from '../../security/actor';
import type { DocumentsAccess, DocumentsContext } from './documents.access';
import { checkScanBytes, contentDisposition, documentFileName, storeBytes } from './documents.files';
import { documentsPolicy } from './documents.policy';
import { documentsRepository } from './documents.repository';
import type { DocumentView } from './documents.schemas';
import { newId } from '../../db/ids';

/** What a file route sends: headers and the bytes. */
export interface FileAnswer {
  headers: Record<string, string>;
  body: Readable | Buffer;
}

/** A scan as it arrives: the raw body, its declared type and the URL-encoded `x-file-name`. */
export interface ScanUpload {
  contentType: string | undefined;
  fileName: string | undefined;
  body: unknown;
}

const MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
const SCAN_EXT: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

function scanName(header: string | undefined, mime: string): string {
  const fallback = `签章扫描件.${SCAN_EXT[mime] ?? 'bin'}`;
  if (header === undefined || header === '') {
    return fallback;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(header);
  } catch {
    throw invalidField('fileName', 'v.invalid_format');
  }
  return neutraliseFileName(decoded, fallback).slice(0, 255);
}

/**
 * The files: a draft's PDF/DOCX rendered now with the 草稿 watermark (not recorded, not cached);
 * an issued (or superseded) version's stored bytes, each read recorded as `document.viewed` with
 * the blob's hash; scans of the signed paper, attached to issued versions and read back with
 * `document.scan_viewed`.
 */
export function createDocumentMedia(ctx: DocumentsContext, access: DocumentsAccess) {
  const { deps, storage, dataDir } = ctx;

  async function sizeOf(sha256: string): Promise<number> {
    const size = await storage.stat(sha256);
    if (size === null) {
      throw notFound();
    }
    return size;
  }

  async function bytesOf(sha256: string): Promise<Readable> {
    const body = await storage.open(sha256);
    if (!body) {
      throw notFound();
    }
    return body;
  }

  return {
    async file(actor: Actor, id: string, format: 'pdf' | 'docx'): Promise<FileAnswer> {
      const { doc, c } = await access.visible(deps.db, actor, id);
      const name = documentFileName({ ...doc, version: Number(doc.version) }, format);
      const disposition = contentDisposition(
        format === 'pdf' ? 'inline' : 'attachment',
        name,
        `document-${doc.id}.${format}`,
      );
      if (doc.state === 'draft') {
        const template = access.templateOf(doc);
        const values = JSON.parse(doc.fields) as FieldValues;
        const context = await access.context(deps.db, c);
        const render = format === 'pdf' ? renderPdf : renderDocx;
        const bytes = await render(template, values, context, { draft: true });
        return {
          headers: {
            'content-type': MIME[format],
            'content-length': String(bytes.length),
            'content-disposition': disposition,
            'cache-control': 'no-store',
          },
          body: bytes,
        };
      }
      const sha256 = format === 'pdf' ? doc.pdf_sha256 : doc.docx_sha256;
      if (!sha256) {
        throw notFound();
      }
      const size = await sizeOf(sha256);
      await deps.ledger.recordAccess(deps.write, {
        actorId: actor.id,
        action: 'document.viewed',
        subject: { type: 'document', id },
        blobSha256: sha256,
        detail: { format },
      });
      const body = await bytesOf(sha256);
      return {
        headers: {
          'content-type': MIME[format],
          'content-length': String(size),
          'content-disposition': disposition,
          etag: `"${sha256}"`,
          'x-content-sha256': sha256,
          'cache-control': 'private, no-cache',
        },
        body,
      };
    },

    /** Adds a scan of the signed and sealed paper to an issued version. */
    async attachScan(actor: Actor, id: string, upload: ScanUpload): Promise<DocumentView> {
      const { doc, access: a } = await access.visible(deps.db, actor, id);
      if (!documentsPolicy.handle(actor, a)) {
        throw forbidden();
      }
      if (doc.state === 'draft') {
        throw new AppError(409, 'document.scan_needs_issued');
      }
      const bytes = Buffer.isBuffer(upload.body) ? upload.body : null;
      if (!bytes) {
        throw new AppError(415, 'document.scan_type_unsupported');
      }
      const mime = checkScanBytes(upload.contentType, bytes);
      const name = scanName(upload.fileName, mime);
      // Content-addressed and write-once: bytes whose write is then refused are an unreferenced blob.
      const sha256 = await storeBytes(storage, dataDir, bytes);
      await deps.write(async (trx) => {
        const { doc: now, c } = await access.handled(trx, actor, id, false);
        if (now.state === 'draft') {
          throw new AppError(409, 'document.scan_needs_issued');
        }
        const scan = {
          id: newId(),
          document_id: id,
          sha256,
          name,
          mime,
          size_bytes: bytes.length,
          uploaded_by: actor.id,
          uploaded_at: deps.now().toISOString(),
        };
        await documentsRepository.insertScan(trx, scan);
        await access.record(trx, actor, now, 'document.scan_attached', {
          step: c.step,
          blobSha256: sha256,
          detail: { documentId: id, scanId: scan.id, name, mime, sizeBytes: bytes.length },
        });
      });
      return access.present(deps.db, actor, id);
    },

    async scan(actor: Actor, id: string, scanId: string): Promise<FileAnswer> {
      await access.visible(deps.db, actor, id);
      const scan = await documentsRepository.findScan(deps.db, id, scanId);
      if (!scan) {
        throw notFound();
      }
      const size = await sizeOf(scan.sha256);
      await deps.ledger.recordAccess(deps.write, {
        actorId: actor.id,
        action: 'document.scan_viewed',
        subject: { type: 'document', id },
        blobSha256: scan.sha256,
        detail: { scanId },
      });
      const body = await bytesOf(scan.sha256);
      return {
        headers: {
          'content-type': scan.mime,
          'content-length': String(size),
          'content-disposition': contentDisposition(
            'inline',
            scan.name,
            `scan-${scan.id}.${SCAN_EXT[scan.mime] ?? 'bin'}`,
          ),
          etag: `"${scan.sha256}"`,
          'x-content-sha256': scan.sha256,
          'cache-control': 'private, no-cache',
        },
        body,
      };
    },
  };
}
