import path from 'node:path';
import { blobRelativePath } from '../../storage/blob-paths';

/**
 * Where a recording's files are. The original is the evidence blob (write-once, ledgered);
 * posters and proxies are derived files under `DATA_DIR/derived/<id[0..2]>/<id>/`, outside the
 * evidence store: they can be remade from the original at any time, so they are not evidence.
 */
export function derivedRelativePath(recordingId: string, kind: 'poster' | 'proxy'): string {
  if (!/^[0-9a-f-]{36}$/.test(recordingId)) {
    throw new Error(`not a recording id: ${recordingId}`);
  }
  return path.join(recordingId.slice(0, 2), recordingId, kind === 'poster' ? 'poster.jpg' : 'proxy.mp4');
}

export function derivedPath(dataDir: string, relative: string): string {
  return path.join(dataDir, 'derived', relative);
}

/**
 * The original's file, for ffmpeg to read. The local blob store keeps blobs under
 * `DATA_DIR/blobs/<blobRelativePath>`; an object-store backend would download to a temp file here.
 */
export function localBlobPath(dataDir: string, sha256: string): string {
  return path.join(dataDir, 'blobs', blobRelativePath(sha256));
}
