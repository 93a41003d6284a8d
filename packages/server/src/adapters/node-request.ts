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
  const host = req.headers.host ?? 'localhost';
  const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (method !== 'GET' && method !== 'HEAD') {
    init.body = bodyOf(req);
    if (init.body instanceof ReadableStream) init.duplex = 'half';
  }
  return new Request(requestUrl(req.url, `${protocol}://${host}`), init);
}

/**
 * The request's URL. A path is appended to the origin rather than resolved against it: resolved,
 * `//auth/proxy/m2m/token` is a scheme-relative URL whose host is `auth`, and the handler would
 * see `/proxy/m2m/token`. Anything else (`*`, an absolute-form target) is resolved as before.
 */
function requestUrl(target: string | undefined, origin: string): URL {
  const path = target ?? '/';
  return path.startsWith('/') ? new URL(`${origin}${path}`) : new URL(path, origin);
}

function bodyOf(req: FrameworkRequest): BodyInit {
  // Express's body parsers (`express.json()`, `express.text()`, `express.raw()`) already read it.
  if (req.body !== undefined) {
    return typeof req.body === 'string' || req.body instanceof Uint8Array ? (req.body as BodyInit) : JSON.stringify(req.body);
  }
  if (!alreadyRead(req)) return Readable.toWeb(req) as ReadableStream<Uint8Array>;
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
