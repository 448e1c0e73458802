import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from './blob-store';

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Writes bytes that arrived in one request (a document's scan, a receipt's scan) to a fsynced file
 * under `DATA_DIR/tmp/<area>` and hands it to the write-once blob store under its SHA-256
 * (already-stored bytes are a duplicate, not an overwrite).
 */
export async function storeBytes(
  storage: BlobStore,
  dataDir: string,
  bytes: Uint8Array,
  area = 'documents',
): Promise<string> {
  const sha256 = sha256Of(bytes);
  const dir = path.join(dataDir, 'tmp', area);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}.part`);
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(file).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await storage.adopt(file, sha256);
  } catch (error) {
    await unlink(file).catch(() => undefined);
    throw error;
  }
  return sha256;
}
