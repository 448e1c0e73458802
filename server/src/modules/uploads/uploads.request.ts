import type { IncomingMessage, ServerResponse } from 'node:http';

/** The request body, handed to the upload store as the Node stream it is (see tusRequestFrom). */
export class RawBody {
  constructor(readonly stream: IncomingMessage) {}
}

/**
 * The fetch-style request `@tus/server` reads (method, url, headers, body, and the Node request
 * under `runtime.node`), built over the raw Node request Fastify left unread.
 *
 * Why not `tus.handle(req, res)`: it wraps the body with `Readable.toWeb`, which copies every
 * 64 KiB socket chunk and queues one before pausing the socket, then tus turns it back into a
 * Node stream through a PassThrough and a size-limiting Transform. On loopback that ping-pong
 * held uploads near 120 MB/s with the CPU mostly idle. Here `body` is a `RawBody` and the
 * uploads service gives tus a `writeToStore` that streams it straight into the store.
 */
export function tusRequestFrom(req: IncomingMessage, res: ServerResponse): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') {
      headers.set(name, value);
    } else if (Array.isArray(value)) {
      for (const v of value) {
        headers.append(name, v);
      }
    }
  }
  const method = req.method ?? 'GET';
  const request = {
    method,
    url: `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`,
    headers,
    runtime: { name: 'node', node: { req, res } },
    body: method === 'GET' || method === 'HEAD' ? null : new RawBody(req),
  };
  return request as unknown as Request;
}

/** Writes tus's fetch-style answer to the Node response (bodies are short texts or JSON). */
export async function sendTusResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  await new Promise<void>((resolve) => res.end(body, resolve));
}
