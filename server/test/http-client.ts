import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../src/app';

export interface Session {
  cookie: string;
  csrf: string;
  lang: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export function cookiesOf(res: LightMyRequestResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of res.cookies) {
    out[c.name] = c.value;
  }
  return out;
}

export function login(app: App, username: string, password: string, lang = 'zh-CN') {
  return app.http.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'accept-language': lang },
    payload: { username, password },
  });
}

/** A client that carries the session cookie and CSRF header, like the web app does. */
export function sessionFrom(app: App, res: LightMyRequestResponse, lang = 'zh-CN'): Session {
  const cookies = cookiesOf(res);
  const session: Session = {
    cookie: `qc_session=${cookies.qc_session ?? ''}`,
    csrf: cookies.qc_csrf ?? '',
    lang,
    get: (url) =>
      app.http.inject({ method: 'GET', url, headers: { cookie: session.cookie, 'accept-language': lang } }),
    post: (url, body, headers = {}) =>
      app.http.inject({
        method: 'POST',
        url,
        headers: {
          cookie: session.cookie,
          'x-csrf-token': session.csrf,
          'accept-language': lang,
          ...headers,
        },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
    patch: (url, body) =>
      app.http.inject({
        method: 'PATCH',
        url,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'accept-language': lang },
        payload: body as object,
      }),
  };
  return session;
}

export async function signIn(app: App, username: string, password: string, lang = 'zh-CN'): Promise<Session> {
  const res = await login(app, username, password, lang);
  if (res.statusCode !== 200) {
    throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  }
  return sessionFrom(app, res, lang);
}
