/**
 * Runs a Web-standard handler on `node:http`, Express and Fastify.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TICKET_ENDPOINT_ERRORS, type TicketEndpointErrorWord } from '@oemkit/schema/core';
import { answerParts } from '../handlers/endpoint-answer.js';
import { toWebRequest } from './node-request.js';
import { writeWebResponse } from './web-response.js';

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
 * and failures go to Express's `next` or become a bare 500. A request without a body has `body: null`. An answer whose body is whole at once goes
 * out in one write with its `Content-Length`; otherwise the status and headers are sent at once,
 * and the body is written as it is produced, no faster than the client reads it, and cancelled
 * when the client goes away.
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
