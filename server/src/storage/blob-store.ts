import { createHash, randomBytes } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { access, chmod, copyFile, link, mkdir, open, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { blobRelativePath } from './blob-paths';
import { fsyncDirectory } from './durable-fs';

export type BlobCheck = 'ok' | 'missing' | 'differs';

/** Inclusive byte range, as in HTTP `Range: bytes=start-end` and `fs.createReadStream`. */
export interface BlobRange {
  start?: number;
  end?: number;
}

export interface AdoptResult {
  /** The store already held these bytes; the offered file was discarded. */
  duplicate: boolean;
}

/**
 * Where evidence bytes live, content-addressed by SHA-256 and written once. Today a directory
 * under DATA_DIR; an object-store backend can implement the same interface (adopt = upload with
 * `If-None-Match: *`, then delete the local file).
 */
export interface BlobStore {
  readonly kind: 'local';
  /** Creates what the store needs; called at start. */
  init(): Promise<void>;
  /** Writable and present: for /api/health. */
  check(): Promise<boolean>;
  /**
   * Takes a complete, already-fsynced local file whose SHA-256 the caller computed, and makes it
   * the blob of that hash. Never overwrites: when the hash is already stored the offered file is
   * deleted and `duplicate` is true. The file is gone from `tempFile` either way once this
   * resolves; the blob is durable (its directory entry is fsynced) and read-only.
   */
  adopt(tempFile: string, sha256: string): Promise<AdoptResult>;
  /** Reads a blob, or the inclusive byte range of it; null when the store has no such blob. */
  open(sha256: string, range?: BlobRange): Promise<Readable | null>;
  /** The blob's size in bytes, or null when the store has no such blob. */
  stat(sha256: string): Promise<number | null>;
  /** Re-reads a blob and compares its bytes with the hash it is stored under. */
  verify(sha256: string): Promise<BlobCheck>;
}

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code;

export function createLocalBlobStore(dataDir: string): BlobStore {
  const root = path.join(dataDir, 'blobs');
  const where = (sha256: string) => path.join(root, blobRelativePath(sha256));

  /** Creates the fan-out directories and makes each new entry durable in its parent. */
  async function ensureDirectory(dir: string): Promise<void> {
    const created = await mkdir(dir, { recursive: true });
    if (created === undefined) {
      return;
    }
    for (let d = dir; d.length >= created.length && d !== root; d = path.dirname(d)) {
      await fsyncDirectory(path.dirname(d));
    }
  }

  /**
   * Links `source` to `target` exclusively: EEXIST means the bytes are already stored. Across
   * devices (EXDEV) the file is first copied next to the target, fsynced, then linked.
   */
  async function linkExclusive(source: string, target: string): Promise<boolean> {
    try {
      await link(source, target);
      return true;
    } catch (error) {
      if (errno(error) === 'EEXIST') {
        return false;
      }
      if (errno(error) !== 'EXDEV') {
        throw error;
      }
    }
    const staging = `${target}.${randomBytes(8).toString('hex')}.partial`;
    await copyFile(source, staging, constants.COPYFILE_EXCL);
    try {
      const handle = await open(staging, 'r');
      await handle.sync().finally(() => handle.close());
      await chmod(staging, 0o444);
      return await linkExclusive(staging, target);
    } finally {
      await unlink(staging);
    }
  }

  return {
    kind: 'local',
    async init() {
      await mkdir(root, { recursive: true });
    },
    async check() {
      try {
        await access(root, constants.W_OK);
        return true;
      } catch {
        return false;
      }
    },
    async adopt(tempFile, sha256) {
      const target = where(sha256);
      await ensureDirectory(path.dirname(target));
      // Read-only before it becomes visible under its hash: the link shares the inode.
      await chmod(tempFile, 0o444);
      const stored = await linkExclusive(tempFile, target);
      if (stored) {
        await fsyncDirectory(path.dirname(target));
      }
      await unlink(tempFile);
      await fsyncDirectory(path.dirname(tempFile));
      return { duplicate: !stored };
    },
    async open(sha256, range = {}) {
      const target = where(sha256);
      try {
        // Opened first so a missing blob is a null here, not an error event later.
        const handle = await open(target, 'r');
        return handle.createReadStream({ start: range.start, end: range.end, highWaterMark: 1024 * 1024 });
      } catch (error) {
        if (errno(error) === 'ENOENT') {
          return null;
        }
        throw error;
      }
    },
    async stat(sha256) {
      try {
        return (await stat(where(sha256))).size;
      } catch (error) {
        if (errno(error) === 'ENOENT') {
          return null;
        }
        throw error;
      }
    },
    async verify(sha256) {
      const hash = createHash('sha256');
      try {
        await pipeline(createReadStream(where(sha256), { highWaterMark: 1024 * 1024 }), hash);
      } catch (error) {
        if (errno(error) === 'ENOENT') {
          return 'missing';
        }
        throw error;
      }
      return hash.digest('hex') === sha256 ? 'ok' : 'differs';
    },
  };
}
