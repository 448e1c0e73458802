import { errorDto, type ErrorDto } from '@quancheng/contracts';
import { storedLang } from '../i18n';

/** An error answered by the API, with its translated message and the offending field if any. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly retryAt: string | undefined;

  constructor(status: number, body: ErrorDto) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.field = body.field;
    this.retryAt = body.retryAt;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** The codes that mean "you are not signed in (any more)". */
export function isUnauthenticated(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}

export function isPasswordChangeRequired(error: unknown): boolean {
  return isApiError(error) && error.code === 'auth.password_change_required';
}

/** A cookie readable by scripts (the CSRF token `qc_csrf`). */
export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      return decodeURIComponent(rest.join('='));
    }
  }
  return undefined;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type QueryValue = string | number | boolean | undefined | null;

/** Anything with a zod-like `parse`: the contracts' DTO schemas check every answer. */
export interface Parser<T> {
  parse: (data: unknown) => T;
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
}

function buildUrl(path: string, query: Record<string, QueryValue> | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page, say): fall through to the generic error.
  }
  const parsed = errorDto.safeParse(body);
  if (parsed.success) {
    return new ApiError(response.status, parsed.data);
  }
  const message = response.statusText || `HTTP ${response.status}`;
  return new ApiError(response.status, { code: `http.${response.status}`, message });
}

/**
 * The one way the web app talks to the API: same-origin cookies, the CSRF token echoed from the
 * `qc_csrf` cookie on every write, and the UI language so the server translates its messages.
 */
async function send(method: Method, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': storedLang() };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET') {
    const csrf = readCookie('qc_csrf');
    if (csrf) {
      headers['x-csrf-token'] = csrf;
    }
  }
  const response = await fetch(buildUrl(path, options.query), {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  if (!response.ok) {
    throw await toApiError(response);
  }
  return response;
}

/** A request whose answer is a DTO, checked against its contract schema. */
export async function api<T>(
  method: Method,
  path: string,
  schema: Parser<T>,
  options: RequestOptions = {},
): Promise<T> {
  const response = await send(method, path, options);
  return schema.parse(await response.json());
}

/** A request answered with 204 No Content. */
export async function apiVoid(method: Method, path: string, options: RequestOptions = {}): Promise<void> {
  await send(method, path, options);
}

/** How much of a download has arrived; `total` is null when the server did not say. */
export interface DownloadProgress {
  received: number;
  total: number | null;
}

/**
 * A request whose answer is a file: read chunk by chunk so a long download can show its progress,
 * and returned as a Blob that the page saves under a name of its choosing.
 */
export async function apiDownload(
  path: string,
  options: RequestOptions & { onProgress?: (progress: DownloadProgress) => void } = {},
): Promise<Blob> {
  const response = await send('GET', path, options);
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  if (!response.body) {
    return response.blob();
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    chunks.push(value);
    received += value.byteLength;
    options.onProgress?.({ received, total });
  }
  return new Blob(chunks, { type });
}
