import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { AppError, notFound } from '../../http/errors';
import type { Actor } from '../../security/actor';
import type { RecordingsContext } from './recordings.ingest';
import { derivedPath } from './recordings.paths';
import { recordingsPolicy } from './recordings.policy';
import { playableNow } from './recordings.presenter';
import type { RecordingRecord } from './recordings.repository';
import type { RecordingsService } from './recordings.service';

/** What a media route sends: status, headers and the bytes. */
export interface MediaAnswer {
  status: 200 | 206;
  headers: Record<string, string>;
  body: Readable;
}

/** An inclusive byte range. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * One `bytes=` range of RFC 9110 §14.1.2 (`a-b`, `a-`, `-n`), clipped to the size; null for no
 * header (the whole file); a malformed or unsatisfiable range is refused 416. Several ranges are
 * answered with the first only, which every player accepts.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null {
  if (header === undefined || header.trim() === '') {
    return null;
  }
  const m = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*(,.*)?$/.exec(header.trim());
  const invalid = () => new AppError(416, 'recording.range_invalid', { size });
  if (!m || (m[1] === '' && m[2] === '')) {
    throw invalid();
  }
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) {
      throw invalid();
    }
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || end < start) {
    throw invalid();
  }
  return { start, end };
}

/** `filename*` (RFC 6266/8187) for the real name, an ASCII `filename` for old clients. */
export function contentDisposition(name: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Playback, posters and downloads. Playback records one `recording.viewed` access leaf per
 * playback: on a request without a Range or whose range starts at byte 0 (a player's first
 * request), not on the seeks and chunks that follow. Downloads of the original need
 * `recording.download` and record `recording.downloaded` with the blob's SHA-256.
 */
export function createRecordingMedia(ctx: RecordingsContext, recordings: RecordingsService) {
  const { deps, storage, dataDir } = ctx;

  async function source(r: RecordingRecord) {
    const proxy = r.derivatives.find((d) => d.kind === 'proxy');
    if (proxy?.state === 'done' && proxy.file) {
      const file = derivedPath(dataDir, proxy.file);
      const size = (await stat(file)).size;
      return {
        variant: 'proxy',
        size,
        mime: 'video/mp4',
        open: (range: ByteRange) => createReadStream(file, range),
      };
    }
    if (!playableNow(r)) {
      throw new AppError(
        409,
        proxy?.state === 'failed' ? 'recording.proxy_failed' : 'recording.not_playable',
      );
    }
    const size = await storage.stat(r.sha256);
    if (size === null) {
      throw notFound();
    }
    return {
      variant: 'original',
      size,
      mime: r.mime,
      open: async (range: ByteRange) => {
        const stream = await storage.open(r.sha256, range);
        if (!stream) {
          throw notFound();
        }
        return stream;
      },
    };
  }

  return {
    async stream(actor: Actor, id: string, rangeHeader: string | undefined): Promise<MediaAnswer> {
      const record = await recordings.visible(deps.db, actor, id);
      const src = await source(record);
      const range = parseRange(rangeHeader, src.size);
      const whole = { start: 0, end: src.size - 1 };
      if (range === null || range.start === 0) {
        await deps.ledger.recordAccess(deps.write, {
          actorId: actor.id,
          action: 'recording.viewed',
          subject: { type: 'recording', id },
          blobSha256: record.sha256,
          detail: { variant: src.variant },
        });
      }
      const r = range ?? whole;
      const headers: Record<string, string> = {
        'content-type': src.mime,
        'accept-ranges': 'bytes',
        'content-length': String(r.end - r.start + 1),
        'cache-control': 'private, no-cache',
      };
      if (range) {
        headers['content-range'] = `bytes ${r.start}-${r.end}/${src.size}`;
      }
      return { status: range ? 206 : 200, headers, body: await src.open(r) };
    },

    /** Posters and photo thumbnails are derived pictures: shown in lists, not recorded as views. */
    async poster(actor: Actor, id: string): Promise<MediaAnswer> {
      const record = await recordings.visible(deps.db, actor, id);
      const poster = record.derivatives.find((d) => d.kind === 'poster');
      if (poster?.state !== 'done' || !poster.file) {
        throw new AppError(404, 'recording.no_poster');
      }
      const file = derivedPath(dataDir, poster.file);
      const size = (await stat(file)).size;
      return {
        status: 200,
        headers: {
          'content-type': 'image/jpeg',
          'content-length': String(size),
          'cache-control': 'private, max-age=3600',
        },
        body: createReadStream(file),
      };
    },

    async original(actor: Actor, id: string): Promise<MediaAnswer> {
      const record = await recordings.visible(deps.db, actor, id);
      if (!recordingsPolicy.download(actor, record)) {
        throw new AppError(403, 'forbidden');
      }
      const size = await storage.stat(record.sha256);
      const body = size === null ? null : await storage.open(record.sha256);
      if (size === null || !body) {
        throw notFound();
      }
      await deps.ledger.recordAccess(deps.write, {
        actorId: actor.id,
        action: 'recording.downloaded',
        subject: { type: 'recording', id },
        blobSha256: record.sha256,
      });
      const ext = /\.[A-Za-z0-9]{1,8}$/.exec(record.original_name)?.[0] ?? '';
      return {
        status: 200,
        headers: {
          'content-type': record.mime,
          'content-length': String(size),
          'content-disposition': contentDisposition(record.original_name, `recording-${record.id}${ext}`),
          'x-content-sha256': record.sha256,
          'cache-control': 'private, no-store',
        },
        body,
      };
    },
  };
}

export type RecordingMedia = ReturnType<typeof createRecordingMedia>;
