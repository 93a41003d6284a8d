/**
 * @module Runs a Web-standard handler on `node:http` and Express.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/**
 * A Node `(req, res, next?)` listener, usable with `http.createServer` and as Express middleware.
 *
 * @example
 * ```ts
 * import type { NodeHandler } from '@oemkit/server';
 * const listener: NodeHandler = toNodeHandler(ticketHandler);
 * ```
 */
export type NodeHandler = (request: IncomingMessage, response: ServerResponse, next?: (error?: unknown) => void) => void;

/**
 * Adapts a `(Request) => Promise<Response>` handler, such as `createTicketHandler`'s, to
 * `node:http` and Express. The request body is streamed through (or taken from `req.body` when
 * Express already parsed it), a closed connection aborts `request.signal`, and failures go to
 * Express's `next` or become a bare 500.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { createTicketHandler } from '@oemkit/server';
 * import { toNodeHandler } from '@oemkit/server/node';
 * const app = express();
 * app.post('/api/astrato-ticket', toNodeHandler(createTicketHandler({ client: astrato, authorize })));
 * ```
 */
export function toNodeHandler(handler: (request: Request) => Promise<Response>): NodeHandler {
  return (req, res, next) => {
    const controller = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) controller.abort(new Error('the client closed the connection'));
    });
    void (async () => {
      const response = await handler(toWebRequest(req, controller.signal));
      await writeWebResponse(response, res);
    })().catch((error: unknown) => {
      if (next) return next(error);
      // Once the handler's own status went out, all that is left is to end the response.
      if (res.headersSent) return void res.end();
      res.writeHead(500, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end('{"error":"internal_error"}');
    });
  };
}

function toWebRequest(req: IncomingMessage & { body?: unknown }, signal: AbortSignal): Request {
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
    if (req.body !== undefined) {
      // Express body parsers already consumed the stream.
      init.body = typeof req.body === 'string' || req.body instanceof Uint8Array ? (req.body as BodyInit) : JSON.stringify(req.body);
    } else {
      init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
      init.duplex = 'half';
    }
  }
  return new Request(new URL(req.url ?? '/', `${protocol}://${host}`), init);
}

async function writeWebResponse(response: Response, res: ServerResponse): Promise<void> {
  // `Response.error()` is a network error: the nearest thing on a socket is closing it unanswered.
  if (response.type === 'error') return void res.socket?.destroy();
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  res.end();
}
