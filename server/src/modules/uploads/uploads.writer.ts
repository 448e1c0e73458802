import type { Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/** Bytes gathered from the socket before one positional `writev`. */
const WRITE_BATCH = 4 * 1024 * 1024;

/**
 * A tus answer as an Error (tus reads `status_code` and `body`; the uploads service turns it into
 * the API's `{code, message}`). `diskFull` marks ENOSPC/EDQUOT.
 */
export class TusFailure extends Error {
  constructor(
    readonly status_code: number,
    readonly body: string,
    readonly diskFull = false,
  ) {
    super(body.trim());
  }
}

export interface WriteOptions {
  /** Bytes this request may add (what the upload still lacks, or Content-Length). */
  limit: number;
  /** Aborted when the client goes away or another request takes the upload's lock. */
  signal?: AbortSignal;
}

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * Streams `readable` into the file at `offset`: every chunk is hashed as it arrives (no copy) and
 * chunks are written in 4 MiB batches with one positional `writev`, one batch in flight while the
 * next fills. Ends with one fdatasync, so the offset returned is durable.
 *
 * - A write failure (ENOSPC…) cuts the file back to the last batch written whole: file, hash and
 *   offset agree, and the error is a tus answer (507 when the disk is full).
 * - A body that breaks off (client gone, request superseded) keeps every byte that arrived.
 * - More bytes than `limit` is a 413; what came before the limit is kept.
 */
export async function writeBatches(
  readable: Readable,
  handle: FileHandle,
  offset: number,
  hash: Hash,
  options: WriteOptions,
): Promise<{ end: number; hash: Hash }> {
  let good = { end: offset, hash: hash.copy() };
  let dispatched = offset;
  let batch: Buffer[] = [];
  let batchBytes = 0;
  let inFlight: Promise<void> = Promise.resolve();
  let writeError: unknown = null;
  let bodyError: unknown = null;

  const dispatch = async () => {
    const buffers = batch;
    const position = dispatched;
    const snapshot = { end: position + batchBytes, hash: hash.copy() };
    dispatched += batchBytes;
    batch = [];
    batchBytes = 0;
    await inFlight;
    if (writeError) {
      return;
    }
    inFlight = writeAll(handle, buffers, position).then(
      () => {
        good = snapshot;
      },
      (error: unknown) => {
        writeError = error;
      },
    );
  };
  const onAbort = () => readable.destroy(new TusFailure(400, 'Request aborted\n'));
  options.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    // Not destroyed on an early exit: the caller must see this function's error first.
    for await (const chunk of readable.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      if (dispatched + batchBytes + chunk.length - offset > options.limit) {
        bodyError = new TusFailure(413, "upload's size exceeded\n");
        break;
      }
      hash.update(chunk);
      batch.push(chunk);
      batchBytes += chunk.length;
      if (batchBytes >= WRITE_BATCH) {
        await dispatch();
        if (writeError) {
          break;
        }
      }
    }
  } catch (error) {
    bodyError = error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  if (!writeError && batchBytes > 0) {
    await dispatch();
  }
  await inFlight;
  if (writeError) {
    await handle.truncate(good.end).catch(() => undefined);
  }
  try {
    await handle.datasync();
  } catch (error) {
    // Delayed allocation can report a full disk only here: keep what the last PATCH made durable.
    writeError ??= error;
    good = { end: offset, hash: good.hash };
    await handle.truncate(offset).catch(() => undefined);
    await handle.datasync().catch(() => undefined);
  }
  if (writeError || bodyError) {
    throw asTusFailure(writeError ?? bodyError);
  }
  return good;
}

async function writeAll(handle: FileHandle, buffers: Buffer[], position: number): Promise<void> {
  let rest = buffers;
  let at = position;
  while (rest.length > 0) {
    const { bytesWritten } = await handle.writev(rest, at);
    at += bytesWritten;
    rest = skipBytes(rest, bytesWritten);
  }
}

function skipBytes(buffers: Buffer[], count: number): Buffer[] {
  let n = count;
  let i = 0;
  while (i < buffers.length && n >= (buffers[i]?.length ?? 0)) {
    n -= buffers[i]?.length ?? 0;
    i++;
  }
  const rest = buffers.slice(i);
  const first = rest[0];
  if (first && n > 0) {
    rest[0] = first.subarray(n);
  }
  return rest;
}

function asTusFailure(error: unknown): unknown {
  if (error instanceof TusFailure) {
    return error;
  }
  if (errno(error) === 'ENOSPC' || errno(error) === 'EDQUOT') {
    return new TusFailure(507, 'disk full\n', true);
  }
  if (errno(error) === 'ECONNRESET' || errno(error) === 'ERR_STREAM_PREMATURE_CLOSE') {
    return new TusFailure(400, 'Request aborted\n');
  }
  return error;
}
