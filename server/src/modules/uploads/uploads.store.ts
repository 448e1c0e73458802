import { createHash, type Hash } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { DataStore, ERRORS, Upload } from '@tus/server';
import { fsyncDirectory } from '../../storage/durable-fs';
import { TusFailure, writeBatches, type WriteOptions } from './uploads.writer';

/** Upload ids are made by the tus server (32 hex digits); nothing else is ever used in a path. */
const UPLOAD_ID = /^[0-9a-f]{32}$/;
const REHASH_READ = 4 * 1024 * 1024;

/** The metadata key the routes use to hand the creator's id to `create`; never stored as metadata. */
export const OWNER_KEY = 'qc-owner';
export { TusFailure };

const fail = (e: { status_code: number; body: string }) => new TusFailure(e.status_code, e.body);

interface UploadInfo {
  id: string;
  size: number;
  owner: string;
  metadata: Record<string, string | null>;
  creation_date: string;
}

/** SHA-256 of the bytes `[0, offset)` of an upload in progress. */
interface HashState {
  offset: number;
  hash: Hash;
}

export interface CompletedUpload {
  id: string;
  path: string;
  size: number;
  sha256: string;
  owner: string;
  metadata: Record<string, string | null>;
}

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * The tus DataStore for evidence: each upload is `<dir>/<id>` (the bytes) and `<dir>/<id>.json`
 * (size, owner, metadata). Unlike `@tus/file-store` it
 *  - gathers socket chunks into 4 MiB batches written with one positional `writev` (no copy),
 *    one batch in flight while the next is read;
 *  - hashes every chunk as it arrives (SHA-256 of the whole file, kept between PATCHes);
 *  - fdatasyncs once at the end of each PATCH, before the offset is reported, so every offset a
 *    client is told is durable;
 *  - on a failed write (ENOSPC) truncates back to the last batch that was written whole, so the
 *    file, the hash and the offset agree and the upload resumes after space is freed.
 *
 * The hash state lives in memory. After a restart the first PATCH re-reads the bytes already
 * received once to rebuild it; that is the only second read. The offset after a restart is the
 * file's size: file systems with ordered data (ext4's default, XFS) never expose a size beyond
 * data that reached the disk, and everything below an acknowledged offset was fsynced.
 */
export class EvidenceUploadStore extends DataStore {
  private readonly hashes = new Map<string, HashState>();
  /** Uploads whose last byte arrived in this process and whose completion is being handled. */
  private readonly finishing = new Map<string, CompletedUpload>();

  constructor(private readonly directory: string) {
    super();
    this.extensions = ['creation', 'creation-with-upload', 'termination'];
  }

  async init(): Promise<void> {
    await mkdir(this.directory, { recursive: true });
  }

  private file(id: string): string {
    if (!UPLOAD_ID.test(id)) {
      throw fail(ERRORS.FILE_NOT_FOUND);
    }
    return path.join(this.directory, id);
  }

  private async info(id: string): Promise<UploadInfo | null> {
    try {
      return JSON.parse(await readFile(`${this.file(id)}.json`, 'utf8')) as UploadInfo;
    } catch (error) {
      if (errno(error) === 'ENOENT') {
        return null;
      }
      throw error;
    }
  }

  /** Who created the upload, or null when there is no such upload. */
  async ownerOf(id: string): Promise<string | null> {
    return UPLOAD_ID.test(id) ? ((await this.info(id))?.owner ?? null) : null;
  }

  override async create(upload: Upload): Promise<Upload> {
    const { [OWNER_KEY]: owner, ...metadata } = upload.metadata ?? {};
    if (!owner || upload.size === undefined) {
      throw fail(ERRORS.INVALID_LENGTH);
    }
    const file = this.file(upload.id);
    const info: UploadInfo = {
      id: upload.id,
      size: upload.size,
      owner,
      metadata,
      creation_date: upload.creation_date ?? new Date().toISOString(),
    };
    const data = await open(file, 'wx');
    await data.sync().finally(() => data.close());
    const staging = `${file}.json.partial`;
    await writeFile(staging, JSON.stringify(info), { flag: 'wx', flush: true });
    await rename(staging, `${file}.json`);
    await fsyncDirectory(this.directory);
    this.hashes.set(upload.id, { offset: 0, hash: createHash('sha256') });
    upload.metadata = metadata;
    upload.creation_date = info.creation_date;
    upload.storage = { type: 'file', path: file };
    return upload;
  }

  override async getUpload(id: string): Promise<Upload> {
    const info = await this.info(id);
    if (!info) {
      throw fail(ERRORS.FILE_NOT_FOUND);
    }
    const file = this.file(id);
    let offset: number;
    try {
      offset = (await stat(file)).size;
    } catch (error) {
      if (errno(error) === 'ENOENT') {
        throw fail(ERRORS.FILE_NO_LONGER_EXISTS);
      }
      throw error;
    }
    if (offset >= info.size && !this.finishing.has(id)) {
      // All bytes arrived but no completion is running: an earlier process died before its sink
      // answered, or the sink failed unexpectedly. Take the last byte back so the client's resume
      // sends it again and completion runs once more — a client told "done" would never retry.
      offset = await this.reopenLastByte(id, info.size);
    }
    return new Upload({
      id,
      size: info.size,
      offset,
      metadata: info.metadata,
      creation_date: info.creation_date,
      storage: { type: 'file', path: file },
    });
  }

  /** Truncates a complete upload to one byte short, durably; see getUpload. */
  async reopenLastByte(id: string, size: number): Promise<number> {
    this.finishing.delete(id);
    this.hashes.delete(id);
    const handle = await open(this.file(id), 'r+');
    try {
      await handle.truncate(size - 1);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    return size - 1;
  }

  override async remove(id: string): Promise<void> {
    const file = this.file(id);
    this.hashes.delete(id);
    this.finishing.delete(id);
    let found = false;
    for (const name of [file, `${file}.json`]) {
      try {
        await unlink(name);
        found = true;
      } catch (error) {
        if (errno(error) !== 'ENOENT') {
          throw error;
        }
      }
    }
    if (!found) {
      throw fail(ERRORS.FILE_NOT_FOUND);
    }
    await fsyncDirectory(this.directory);
  }

  /** The upload whose last byte this process received, until its completion is handled. */
  completed(id: string): CompletedUpload | undefined {
    return this.finishing.get(id);
  }

  /** The DataStore contract (tus's own body pipeline, e.g. creation-with-upload). */
  override write(readable: Readable, id: string, offset: number): Promise<number> {
    return this.writeFrom(readable, id, offset, { limit: Number.POSITIVE_INFINITY });
  }

  /**
   * Appends the body at `offset` (see writeBatches) and keeps the running hash; when the last
   * byte lands the upload is marked as finishing with its SHA-256.
   */
  async writeFrom(readable: Readable, id: string, offset: number, options: WriteOptions): Promise<number> {
    const info = await this.info(id);
    if (!info) {
      throw fail(ERRORS.FILE_NOT_FOUND);
    }
    const handle = await open(this.file(id), 'r+');
    let end: number;
    let hash: Hash;
    try {
      const start = await this.hashUpTo(handle, id, offset);
      const limit = Math.min(options.limit, info.size - offset);
      ({ end, hash } = await writeBatches(readable, handle, offset, start, { ...options, limit }));
    } finally {
      await handle.close();
    }
    if (end === info.size) {
      this.hashes.delete(id);
      const { owner, metadata, size } = info;
      const sha256 = hash.digest('hex');
      this.finishing.set(id, { id, path: this.file(id), size, sha256, owner, metadata });
    } else {
      this.hashes.set(id, { offset: end, hash });
    }
    return end;
  }

  /** The hash of `[0, offset)`: kept from the last PATCH, or rebuilt once after a restart. */
  private async hashUpTo(handle: FileHandle, id: string, offset: number): Promise<Hash> {
    const kept = this.hashes.get(id);
    this.hashes.delete(id);
    if (kept?.offset === offset) {
      return kept.hash;
    }
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(REHASH_READ);
    for (let position = 0; position < offset;) {
      const { bytesRead } = await handle.read(
        buffer,
        0,
        Math.min(buffer.length, offset - position),
        position,
      );
      if (bytesRead === 0) {
        throw fail(ERRORS.FILE_WRITE_ERROR);
      }
      hash.update(buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
    return hash;
  }
}
