import { errorDto } from '@quancheng/contracts';
import type { DetailedError, Upload } from 'tus-js-client';
import { storedLang } from '../i18n';
import { readCookie } from './client';

export const UPLOADS_ENDPOINT = '/api/uploads';

/**
 * Waits between automatic retries after a dropped connection or a 5xx (disk full, a restart):
 * about a minute and a half in all before the file is shown as interrupted, to be resumed by hand.
 */
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000, 20_000, 30_000];

/**
 * Each PATCH is fsynced by the server, so fewer, larger requests are faster; 16 MiB keeps the
 * progress bar moving on a slow tablet link while costing little on a fast one.
 */
const CHUNK_SIZE = 16 * 1024 * 1024;

/** Why an upload stopped: the server's refusal (its translated message), or the network. */
export interface UploadFailure {
  /** HTTP status of the refusal; null when no answer arrived (offline, connection dropped). */
  status: number | null;
  code: string | null;
  message: string;
}

export interface UploadCallbacks {
  /** Bytes the server has acknowledged or that are in flight, out of the file size. */
  onProgress: (sent: number, total: number) => void;
  /** A previous, unfinished upload of the same file was found: the transfer continues from `offset`. */
  onResumed: (offset: number) => void;
  /** The connection failed and tus-js-client will try again by itself. */
  onRetrying: (attempt: number) => void;
  /** The final PATCH's answer: the ingest result, unparsed (the page checks it). */
  onSuccess: (result: unknown) => void;
  onError: (failure: UploadFailure) => void;
}

export interface UploadHandle {
  /** Stops the transfer; the bytes received so far stay on the server for a later resume. */
  pause: () => void;
  /** Continues a paused or interrupted transfer from the server's offset. */
  resume: () => void;
  /** Stops and discards the partial upload on the server. */
  discard: () => Promise<void>;
}

function failureOf(error: Error | DetailedError): UploadFailure {
  const response = 'originalResponse' in error ? error.originalResponse : null;
  if (!response) {
    return { status: null, code: null, message: error.message };
  }
  const status = response.getStatus();
  let body: unknown = null;
  try {
    body = JSON.parse(response.getBody());
  } catch {
    // Not the API's JSON (a proxy's error page): the status is all there is.
  }
  const parsed = errorDto.safeParse(body);
  return parsed.success
    ? { status, code: parsed.data.code, message: parsed.data.message }
    : { status, code: null, message: `HTTP ${status}` };
}

/** The same retry rule as tus-js-client's default (not 4xx, except 409/423), reported to the page. */
function shouldRetry(error: DetailedError): boolean {
  const status = error.originalResponse?.getStatus() ?? 0;
  const clientError = status >= 400 && status < 500 && status !== 409 && status !== 423;
  return !clientError && (typeof navigator === 'undefined' || navigator.onLine !== false);
}

/** The options of one upload, reporting to the page's callbacks. */
function uploadOptions(
  file: File,
  metadata: Record<string, string>,
  userId: string,
  callbacks: UploadCallbacks,
) {
  let attempt = 0;
  return {
    endpoint: UPLOADS_ENDPOINT,
    metadata: { filename: file.name, filetype: file.type, ...metadata },
    chunkSize: CHUNK_SIZE,
    retryDelays: RETRY_DELAYS,
    removeFingerprintOnSuccess: true,
    fingerprint: (f: File) =>
      Promise.resolve(
        ['qc', userId, f.name, f.type, f.size, f.lastModified, window.location.origin].join('|'),
      ),
    onBeforeRequest: (request: {
      getMethod: () => string;
      setHeader: (name: string, value: string) => void;
    }) => {
      request.setHeader('Accept-Language', storedLang());
      const csrf = readCookie('qc_csrf');
      if (csrf && request.getMethod() !== 'HEAD') {
        request.setHeader('x-csrf-token', csrf);
      }
    },
    onShouldRetry: (error: DetailedError) => {
      const retry = shouldRetry(error);
      if (retry) {
        attempt += 1;
        callbacks.onRetrying(attempt);
      }
      return retry;
    },
    onProgress: (sent: number, total: number) => {
      attempt = 0;
      callbacks.onProgress(sent, total);
    },
    onSuccess: ({ lastResponse }: { lastResponse: { getBody: () => string } }) => {
      let result: unknown = null;
      try {
        result = JSON.parse(lastResponse.getBody());
      } catch {
        // An empty body: the page treats it as an unknown result.
      }
      callbacks.onSuccess(result);
    },
    onError: (error: Error | DetailedError) => callbacks.onError(failureOf(error)),
  };
}

/** Continues the newest unfinished upload of this file, if the browser remembers one. */
async function resumePrevious(upload: Upload, callbacks: UploadCallbacks): Promise<void> {
  try {
    const previous = await upload.findPreviousUploads();
    const newest = previous.sort((a, b) => b.creationTime.localeCompare(a.creationTime))[0];
    if (newest) {
      upload.resumeFromPreviousUpload(newest);
      const offset = await remoteOffset(newest.uploadUrl);
      if (offset !== null && offset > 0) {
        callbacks.onResumed(offset);
      }
    }
  } catch {
    // No stored uploads (private mode, storage full): start afresh.
  }
}

/**
 * Starts (or resumes) one resumable upload. The fingerprint includes the signed-in person, so on a
 * shared tablet one officer's half-finished upload is never offered to another; re-adding the same
 * file after a reload continues where it stopped. The CSRF token and the language are read at
 * each request, so a renewed session is picked up without restarting the upload. tus-js-client is
 * loaded with the first upload, not with every page.
 */
export function startUpload(
  file: File,
  metadata: Record<string, string>,
  userId: string,
  callbacks: UploadCallbacks,
): UploadHandle {
  let upload: Upload | null = null;
  // What the user last asked for, honoured once the client has loaded.
  let wanted: 'run' | 'pause' | 'discard' = 'run';
  const begin = async () => {
    const tus = await import('tus-js-client');
    const created = new tus.Upload(file, uploadOptions(file, metadata, userId, callbacks));
    await resumePrevious(created, callbacks);
    upload = created;
    if (wanted === 'run') {
      created.start();
    } else if (wanted === 'discard') {
      await created.abort(true).catch(() => undefined);
    }
  };
  begin().catch((error: unknown) =>
    callbacks.onError({
      status: null,
      code: null,
      message: error instanceof Error ? error.message : String(error),
    }),
  );

  return {
    pause: () => {
      wanted = 'pause';
      void upload?.abort(false);
    },
    resume: () => {
      wanted = 'run';
      upload?.start();
    },
    discard: async () => {
      wanted = 'discard';
      await upload?.abort(true).catch(() => undefined);
    },
  };
}

/** The durable offset of an unfinished upload, or null when it is gone (expired, another person's). */
async function remoteOffset(url: string | null): Promise<number | null> {
  if (!url) {
    return null;
  }
  try {
    const response = await fetch(url, {
      method: 'HEAD',
      headers: { 'Tus-Resumable': '1.0.0' },
      credentials: 'same-origin',
    });
    const offset = Number(response.headers.get('Upload-Offset'));
    return response.ok && Number.isFinite(offset) ? offset : null;
  } catch {
    return null;
  }
}
