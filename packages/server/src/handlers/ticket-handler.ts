/**
 * The backend endpoint that turns a signed-in user into an Astrato ticket id, and nothing else.
 *
 * @module
 */
import { TICKET_ENDPOINT_ERRORS, TICKET_ID_FIELD, type TicketEndpointErrorWord, type TicketEndpointResponse } from '@oemkit/schema';
import type { AstratoClient, SetupInput } from '../astrato/astrato-client.js';
import type { HandlerOptions } from './handler-options.js';
import { createEndpointHandler, type EndpointSpec } from './endpoint-handler.js';
import { emailKey } from './email-key.js';
import { keepOrMint } from './session-kept.js';

/**
 * Options for {@link createTicketHandler}, checked when the handler is created. `onError`,
 * `logger` and `rateLimit` are {@link HandlerOptions}'.
 */
export interface TicketHandlerOptions extends HandlerOptions<SetupInput> {
  /**
   * The Astrato client. With its `sessionKey` (an `AstratoClient` has it), the endpoint answers a
   * page that remembers this user's session (`Oemkit-Session-Key`) without minting a ticket, and
   * names the session of each ticket it mints; a hand-written `{ setup }` answers tickets alone, as
   * before.
   */
  client: Pick<AstratoClient, 'setup'> & Partial<Pick<AstratoClient, 'sessionKey'>>;
  /**
   * Says who is asking: the setup input for the signed-in user, or `null` when nobody is signed in
   * (the handler answers 401). This is where your own session check goes. Its `email` is the
   * rate limit's key unless `rateLimit.key` says otherwise.
   */
  authorize: (request: Request) => SetupInput | null | Promise<SetupInput | null>;
}

const TICKETS: EndpointSpec<SetupInput, TicketEndpointErrorWord> = {
  factory: 'createTicketHandler options',
  label: 'ticket endpoint',
  handler: 'ticket',
  errors: TICKET_ENDPOINT_ERRORS,
  refused: 'ticket_unavailable',
  clientProblem(client) {
    const { setup, sessionKey } = (client ?? {}) as { setup?: unknown; sessionKey?: unknown };
    if (typeof setup !== 'function') return 'must be an AstratoClient (anything with its setup method)';
    // A sessionKey that is not a method would quietly turn every kept session into a minted ticket.
    if (sessionKey !== undefined && typeof sessionKey !== 'function') {
      return 'must be an AstratoClient (anything with its setup method, and sessionKey, when it has one, a method too)';
    }
    return undefined;
  },
  authorizeShape: 'the setup input for the signed-in user, or null for nobody',
  defaultKey: (input) => emailKey((input as { email?: unknown }).email),
  prepare: (client, input, request) => keepOrMint(client as TicketHandlerOptions['client'], input, request),
  async mint(client, input, signal) {
    const { ticket } = await (client as TicketHandlerOptions['client']).setup(input, { signal });
    return { [TICKET_ID_FIELD]: ticket } satisfies TicketEndpointResponse;
  },
  issuedEvent: 'oemkit.ticket.issued',
  keptEvent: 'oemkit.ticket.session_kept',
};

/**
 * Creates a Web-standard `(Request) => Promise<Response>` for a POST endpoint that answers
 * `{ "ticketId": "...", "sessionKey": "..." }` for the signed-in user (the ticket, and the key of
 * the session it makes: `AstratoClient.sessionKey`), with `Cache-Control: no-store`. A page that
 * sends the key it remembers in `Oemkit-Session-Key`, when that key is still the one this user
 * gets with this setup, is answered `{ "sessionKey": "..." }` alone: no ticket is minted, Astrato is
 * not called and the rate limit does not count it. A header that is not a key, or another key, is
 * as no header. It runs as a Next.js route handler, in Hono, Bun, Deno and workers, and in Node
 * through `toNodeHandler`. Failures answer a stable word (`{ "error": "unauthorized" }`), never a
 * token or vendor text; the shapes are `ticketEndpointAnswerSchema` and
 * `ticketEndpointErrorBodySchema` of `@oemkit/schema`, which the page reads. Each user gets at most
 * `rateLimit` minted tickets (`DEFAULT_RATE_LIMIT` unless you say otherwise).
 *
 * | status | when |
 * | --- | --- |
 * | 200 | `{ ticketId, sessionKey }`; `{ sessionKey }` for a kept session; `{ ticketId }` with a client without `sessionKey` |
 * | 401 | `authorize` returned `null` |
 * | 403 | `cross_site_request`: a page of another site or subdomain not in `allowedOrigins`, before `authorize` |
 * | 405 | not a POST (`Allow: POST`) |
 * | 429 | the user is over `rateLimit` (minted tickets only), or Astrato kept rate limiting (`Retry-After` in seconds) |
 * | 503 | Astrato timed out, was unreachable or answered 5xx |
 * | 502 | Astrato refused otherwise (credentials, groups) |
 * | 500 | `authorize` (or `rateLimit.key`) threw, or returned an invalid setup input (refused before the limit counts it) |
 *
 * @throws `ValidationError` at once, naming each field, when `client` has no `setup`, `authorize`
 *   is not a function, or `onError`, `logger`, `rateLimit` or `allowedOrigins` is given but unusable.
 * @example
 * ```ts
 * // app/api/astrato-ticket/route.ts (Next.js)
 * import { AstratoClient, createTicketHandler } from '@oemkit/server';
 * const astrato = new AstratoClient({ clientId: process.env.ASTRATO_CLIENT_ID!, clientSecret: process.env.ASTRATO_CLIENT_SECRET! });
 * export const POST = createTicketHandler({
 *   client: astrato,
 *   authorize: async (request) => {
 *     const user = await currentUser(request);
 *     return user ? { email: user.email, groupNames: ['Viewers'] } : null;
 *   },
 *   onError: (error) => console.error(error), // oemkit errors hold no secret
 * });
 * ```
 */
export function createTicketHandler(options: TicketHandlerOptions): (request: Request) => Promise<Response> {
  return createEndpointHandler(TICKETS, options);
}
