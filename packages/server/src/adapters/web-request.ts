/**
 * @module A `node:http` request as a Web `Request`, built with only what the request has: a body
 * stream only when a body comes (a ticket request has none), and the abort signal it is given.
 */
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/**
 * @internal The Web `Request` for `req`: its method, URL, headers and body, with `signal` as its
 * signal. A body Express already parsed is taken from `req.body`; a body still to come is streamed.
 *
 * @example
 * ```ts
 * const request = toWebRequest(req, controller.signal);
 * await handler(request);
 * ```
 */
export function toWebRequest(req: IncomingMessage & { body?: unknown }, signal: AbortSignal): Request {
  const host = req.headers.host ?? 'localhost';
  const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  // Pairs, not a `Headers`: the `Request` copies what it is given, so a `Headers` here is built twice.
  const headers: [string, string][] = [];
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.push([name, item]);
    else headers.push([name, value]);
  }
  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (method !== 'GET' && method !== 'HEAD') {
    if (req.body !== undefined) {
      // Express body parsers already consumed the stream.
      init.body = typeof req.body === 'string' || req.body instanceof Uint8Array ? (req.body as BodyInit) : JSON.stringify(req.body);
    } else if (bodyComes(req)) {
      init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
      init.duplex = 'half';
    }
  }
  return new Request(new URL(req.url ?? '/', `${protocol}://${host}`), init);
}

/**
 * Whether a body follows the headers. In HTTP/1 only a `Transfer-Encoding` or a `Content-Length`
 * above 0 announces one (RFC 9112, section 6.3): a `fetch(url, { method: 'POST' })` sends
 * `Content-Length: 0`, and gets no body stream, which costs more than the rest of the request.
 * Anything else (HTTP/2 through a compatibility layer) is streamed as before.
 */
function bodyComes(req: IncomingMessage): boolean {
  if (req.httpVersionMajor !== 1) return true;
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) !== 0);
}
