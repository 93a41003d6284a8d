/**
 * Runs a Web-standard handler on `node:http`, Express and Fastify.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TICKET_ENDPOINT_ERRORS, type TicketEndpointErrorWord } from '@oemkit/schema/core';
import { answerParts } from '../handlers/endpoint-answer.js';
import { toWebRequest } from './node-request.js';

/**
 * A Node `(req, res, next?)` listener, usable with `http.createServer` and as Express middleware.
 *
 * @example
 * ```ts
 * import { createTicketHandler } from '@oemkit/server';
 * import { toNodeHandler, type NodeHandler } from '@oemkit/server/node';
 * const listener: NodeHandler = toNodeHandler(createTicketHandler({ client: astrato, authorize }));
 * ```
 */
export type NodeHandler = (request: IncomingMessage, response: ServerResponse, next?: (error?: unknown) => void) => void;

/**
 * Adapts a `(Request) => Promise<Response>` handler, such as `createTicketHandler`'s, to
 * `node:http`, Express and Fastify. The request body is streamed through (or taken from `req.body`
 * when Express already parsed it; a body Fastify already read fails to read with an
 * `UnsupportedEnvironmentError`, and handlers that never read it still answer), a path is kept as
 * the client wrote it (`//x` is a path, not a host, and a Host header that is not a host, such as
 * `x/admin?`, counts as none rather than change the path), a closed connection aborts `request.signal`,
 * and failures go to Express's `next` or become a bare 500. The status and headers are sent at once; the response
 * body is written as it is produced, no faster than the client reads it, and cancelled when the
 * client goes away.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createTicketHandler } from '@oemkit/server';
 * import { toNodeHandler } from '@oemkit/server/node';
 * const tickets = toNodeHandler(createTicketHandler({ client: astrato, authorize }));
 * createServer(tickets).listen(3000); // or, in Express: app.post('/api/astrato-ticket', tickets)
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
      await writeWebResponse(response, res, controller.signal);
    })().catch((error: unknown) => {
      if (next) return next(error);
      // Once the handler's own status went out, a body that failed half-way must not look
      // complete: closing the connection is the only way left to say so.
      if (res.headersSent) return void res.destroy();
      // Written as the handlers write their own refusals: the same word, status and headers.
      const refusal = answerParts(TICKET_ENDPOINT_ERRORS.internal_error, { error: 'internal_error' satisfies TicketEndpointErrorWord });
      res.writeHead(refusal.status, refusal.headers).end(refusal.body);
    });
  };
}

async function writeWebResponse(response: Response, res: ServerResponse, signal: AbortSignal): Promise<void> {
  // `Response.error()` is a network error: the nearest thing on a socket is closing it unanswered.
  if (response.type === 'error') return void res.socket?.destroy();
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body || res.req.method === 'HEAD') {
    // Node ignores what is written after a HEAD answer, so a body read for it would never stop.
    void response.body?.cancel().catch(() => undefined);
    return void res.end();
  }
  // The status and headers go out now, not with the first chunk of a body that may be slow.
  res.flushHeaders();
  await writeBody(response.body, res, signal);
}

/**
 * Writes a body chunk by chunk, reading the next only once the socket took the last, and cancels
 * it at its source when the client goes away, so a slow or endless body neither piles up in
 * memory nor keeps producing for nobody.
 */
async function writeBody(body: ReadableStream<Uint8Array>, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const stop = () => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', stop, { once: true });
  let finished = false;
  try {
    while (!signal.aborted && !res.destroyed) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        break;
      }
      if (!res.write(value)) await drained(res);
    }
  } finally {
    signal.removeEventListener('abort', stop);
    if (!finished) stop();
  }
  // A body stopped before its end must not look complete to the client.
  if (finished) res.end();
  else res.destroy();
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
