import type { BlobStore } from '../../storage/blob-store';
import type { Actor } from '../../security/actor';

/** What the upload module hands over when the last byte of an upload is durable. */
export interface CompletedUploadInput {
  /** The tus upload id (32 hex digits). */
  uploadId: string;
  /**
   * The finished, fsynced file. The sink may `storage.adopt` it (which moves it); whatever is
   * left at this path afterwards is deleted by the upload module.
   */
  tempPath: string;
  /** SHA-256 (hex) of the whole file, computed while the bytes streamed in. */
  sha256: string;
  size: number;
  /**
   * The client's tus `Upload-Metadata` (`filename`, `filetype`, any other keys), untrusted: a
   * name may hold path separators, control characters or thousands of characters. Never use it
   * in a path; neutralise it before storing or showing it.
   */
  metadata: Record<string, string>;
  /** The signed-in person who created the upload (and sent its last byte). */
  actor: Actor;
}

/** Sent back to the client as the JSON body of the final PATCH (200). */
export type IngestResult = Record<string, unknown>;

/**
 * Turns a completed upload into stored evidence. Called once per upload, after its last byte is
 * durable, while the client waits for the final PATCH's answer.
 *
 * - Resolve with a JSON-serialisable result: the client receives it as the final response body.
 * - Refuse by throwing an `AppError` with a 4xx status: the client receives `{code, message}` with
 *   that status and the upload is deleted. Refuse **before** adopting the blob — the store is
 *   write-once, so a refused upload must leave no blob behind.
 * - Any other failure (5xx) keeps the upload: its last byte is taken back so the client's retry
 *   re-sends it and the sink runs again. The sink must therefore be idempotent per `sha256`
 *   (`adopt` is: a second adopt reports `duplicate`).
 */
export interface IngestSink {
  onUploadComplete(input: CompletedUploadInput): Promise<IngestResult>;
}

/**
 * The sink used until the recordings module provides one: stores the bytes as a blob and
 * answers `{ sha256, size, duplicate }`. It writes no database row and no ledger leaf.
 */
export function blobOnlyIngestSink(storage: BlobStore): IngestSink {
  return {
    async onUploadComplete({ tempPath, sha256, size }) {
      const { duplicate } = await storage.adopt(tempPath, sha256);
      return { sha256, size, duplicate };
    },
  };
}
