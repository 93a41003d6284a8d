/**
 * A `node:http` request as a Web `Request`: the method, the URL as the client wrote its
 * path, the headers, and the body from wherever the framework left it.
 *
 * @module
 */
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { UnsupportedEnvironmentError } from '@oemkit/schema/errors';

/** A request some framework may have decorated: Express's body parsers put what they read on `body`. */
export type FrameworkRequest = IncomingMessage & { body?: unknown };

/** @internal Builds the Web `Request` a handler gets; `signal` aborts when the client goes away. */
export function toWebRequest(req: FrameworkRequest, signal: AbortSignal): Request {
  const host = hostOf(req.headers.host);
  const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  // Pairs, not a `Headers`: the `Request` copies what it is given, so a `Headers` here is built twice.
  const headers: [string, string][] = [];
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.push([name, item]);
  }
  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (method !== 'GET' && method !== 'HEAD') {
    const body = bodyOf(req);
    if (body !== undefined) init.body = body;
    if (body instanceof ReadableStream) init.duplex = 'half';
  }
  return new Request(requestUrl(req.url, `${protocol}://${host}`), init);
}

/**
 * The request's URL. A path is appended to the origin rather than resolved against it: resolved,
 * `//auth/proxy/m2m/token` is a scheme-relative URL whose host is `auth`, and the handler would
 * see `/proxy/m2m/token`. Anything else (`*`, an absolute-form target) is resolved as before.
 * A path is handed over as text: the `Request` parses its URL anyway, and a `URL` would be parsed twice.
 */
function requestUrl(target: string | undefined, origin: string): string | URL {
  const path = target ?? '/';
  return path.startsWith('/') ? `${origin}${path}` : new URL(path, origin);
}

/** A host, an IPv6 literal or either with a port: nothing that ends the authority or names a user. */
const PLAIN_HOST = /^[^\s/?#\\@]+$/;

/**
 * The Host header when it is a host (and port), else `localhost`, as for a request without one.
 * Node passes the header unchecked, and the URL is built from it: `x/admin?` (or `x/admin#`,
 * `x\admin`) would put `/admin` in front of the path Node routed (so a Web router behind this
 * adapter sees another path than the Express guard in front of it), an empty one makes the path
 * the host, and userinfo or a space made the request fail as a 500.
 */
function hostOf(header: string | undefined): string {
  if (header === undefined || !PLAIN_HOST.test(header)) return 'localhost';
  try {
    new URL(`http://${header}`);
    return header;
  } catch {
    return 'localhost';
  }
}

function bodyOf(req: FrameworkRequest): BodyInit | undefined {
  const read = alreadyRead(req);
  // Express's body parsers (`express.json()`, `express.text()`, `express.raw()`) already read it.
  // Only then: Express 4's parsers set `req.body = {}` before they look at the content type, and
  // leave a body of another type (text/plain to `express.json()`) unread in the stream, where it
  // is still as the client sent it; `{}` would silently replace it.
  if (req.body !== undefined && (read || req.readableFlowing === true)) {
    return typeof req.body === 'string' || req.body instanceof Uint8Array ? (req.body as BodyInit) : JSON.stringify(req.body);
  }
  // No stream for a request whose framing says no body comes (what @oemkit/browser sends): it
  // cost a stream and its state on every ticket request, and the handler gets `body: null`.
  if (!bodyComes(req)) return undefined;
  if (!read) return Readable.toWeb(req) as ReadableStream<Uint8Array>;
  // Fastify parses JSON before the route runs and keeps it on its own request object, not here.
  // The ticket and guest-token handlers never read the body, so they still answer; an `authorize`
  // that reads it gets this error rather than an empty body that would look like the client's.
  return new ReadableStream<Uint8Array>({
    start: (controller) =>
      controller.error(
        new UnsupportedEnvironmentError(
          'The request body was already read by the server framework (Fastify parses JSON before the route runs). ' +
            'Put the parsed body on req.body, or, in Fastify, call reply.hijack() in a scope whose content-type parser leaves the body unread (docs/frameworks.md).',
        ),
      ),
  });
}

/** Whether something read the stream before the handler: Node marks it once data was taken. */
function alreadyRead(req: IncomingMessage): boolean {
  return req.readableEnded || (req as { readableDidRead?: boolean }).readableDidRead === true;
}

/** Whether HTTP/1 framing says a body follows (RFC 9112 section 6.3); HTTP/2 may always send one. */
function bodyComes(req: IncomingMessage): boolean {
  if (req.httpVersionMajor !== 1) return true;
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) !== 0);
}
