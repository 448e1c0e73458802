import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { blobRelativePath } from './blob-paths';

export type BlobCheck = 'ok' | 'missing' | 'differs';

/**
 * Where evidence bytes live, content-addressed by SHA-256 and written once. Today a directory
 * under DATA_DIR; an object-store backend can implement the same interface.
 */
export interface BlobStore {
  readonly kind: 'local';
  /** Creates what the store needs; called at start. */
  init(): Promise<void>;
  /** Writable and present: for /api/health. */
  check(): Promise<boolean>;
  /** Re-reads a blob and compares its bytes with the hash it is stored under. */
  verify(sha256: string): Promise<BlobCheck>;
}

export function createLocalBlobStore(dataDir: string): BlobStore {
  const root = path.join(dataDir, 'blobs');
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
    async verify(sha256) {
      const hash = createHash('sha256');
      try {
        await pipeline(createReadStream(path.join(root, blobRelativePath(sha256))), hash);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return 'missing';
        }
        throw error;
      }
      return hash.digest('hex') === sha256 ? 'ok' : 'differs';
    },
  };
}
