import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where evidence bytes live. Today a directory under DATA_DIR; the evidence issue adds the
 * content-addressed, write-once operations, and an object-store backend can implement the same.
 */
export interface BlobStore {
  readonly kind: 'local';
  /** Creates what the store needs; called at start. */
  init(): Promise<void>;
  /** Writable and present: for /api/health. */
  check(): Promise<boolean>;
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
  };
}
