import path from 'node:path';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The one place that turns a content hash into a storage path: `sha256/ab/cd/<hash>` under the
 * store's root, so no directory holds more than 65,536 entries of the next level.
 */
export function blobRelativePath(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) {
    throw new Error(`not a sha256 hex digest: ${sha256}`);
  }
  return path.join('sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}
