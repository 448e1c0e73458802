/**
 * A signed-in API client for setting up what a browser test needs (units, people, devices) without
 * clicking through pages another test already covers. It keeps the cookies the server sets and
 * echoes the CSRF cookie on writes, as the web app does.
 */
export interface ApiSession {
  request: <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;
}

export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what} answered ${status}: ${body}`);
  }
}

export function apiSession(baseUrl: string): ApiSession {
  const cookies = new Map<string, string>();

  const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (cookies.size > 0) {
      headers.Cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    const csrf = cookies.get('qc_csrf');
    if (method !== 'GET' && csrf) {
      headers['x-csrf-token'] = decodeURIComponent(csrf);
    }
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at > 0) {
        cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
      }
    }
    const text = await response.text();
    if (!response.ok) {
      throw new ApiCallError(response.status, text, `${method} ${path}`);
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };
  return { request };
}

/** Signs in through the API; when the password must change first, changes it to `newPassword`. */
export async function apiSignIn(
  baseUrl: string,
  username: string,
  password: string,
  newPassword?: string,
): Promise<ApiSession> {
  const session = apiSession(baseUrl);
  const me = await session.request<{ mustChangePassword: boolean }>('POST', '/api/auth/login', {
    username,
    password,
  });
  if (me.mustChangePassword) {
    if (!newPassword) {
      throw new Error(`${username} must change the password first; pass newPassword`);
    }
    await session.request('POST', '/api/auth/password', { currentPassword: password, newPassword });
  }
  return session;
}
