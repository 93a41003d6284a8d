/**
 * @module The backend endpoint that turns a signed-in user into an Astrato ticket id, and nothing else.
 */
import { isOemkitError } from '@oemkit/schema';
import type { AstratoClient, SetupInput } from './astrato-client.js';

/**
 * Options for {@link createTicketHandler}.
 *
 * @example
 * ```ts
 * import type { TicketHandlerOptions } from '@oemkit/server';
 * const options: TicketHandlerOptions = {
 *   client: astrato,
 *   authorize: async (request) => {
 *     const user = await sessionUser(request);
 *     return user ? { email: user.email, groupNames: ['Viewers'] } : null;
 *   },
 * };
 * ```
 */
export interface TicketHandlerOptions {
  /** The Astrato client (anything with its `setup`). */
  client: Pick<AstratoClient, 'setup'>;
  /**
   * Says who is asking: the setup input for the signed-in user, or `null` when nobody is signed in
   * (the handler answers 401). This is where your own session check goes.
   */
  authorize: (request: Request) => SetupInput | null | Promise<SetupInput | null>;
  /** Sees every failure, for your logs. oemkit errors are safe to log whole. */
  onError?: (error: unknown, request: Request) => void;
}

/** The stable error words the handler answers with; nothing from the vendor ever leaves. */
type TicketHandlerFailure = 'method_not_allowed' | 'unauthorized' | 'rate_limited' | 'upstream_unavailable' | 'ticket_unavailable' | 'internal_error';

const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  // A ticket is single use and personal: no cache, proxy or browser may keep it.
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/**
 * Creates a Web-standard `(Request) => Promise<Response>` for a POST endpoint that answers
 * `{ "ticketId": "..." }` for the signed-in user, with `Cache-Control: no-store`. It runs as a
 * Next.js route handler, in Hono, Bun, Deno and workers, and in Node through `toNodeHandler`.
 * Failures answer a stable word (`{ "error": "unauthorized" }`), never a token or vendor text.
 *
 * | status | when |
 * | --- | --- |
 * | 200 | `{ ticketId }` |
 * | 401 | `authorize` returned `null` |
 * | 405 | not a POST (`Allow: POST`) |
 * | 429 | Astrato kept rate limiting (`Retry-After` passed on) |
 * | 503 | Astrato timed out, was unreachable or answered 5xx |
 * | 502 | Astrato refused otherwise (credentials, groups) |
 * | 500 | `authorize` threw or returned an invalid setup input |
 *
 * @example
 * ```ts
 * // app/api/astrato-ticket/route.ts (Next.js)
 * import { AstratoClient, createTicketHandler } from '@oemkit/server';
 * const astrato = new AstratoClient({ clientId: process.env.ASTRATO_CLIENT_ID!, clientSecret: process.env.ASTRATO_CLIENT_SECRET! });
 * export const POST = createTicketHandler({
 *   client: astrato,
 *   authorize: async () => {
 *     const user = await currentUser();
 *     return user ? { email: user.email, groupNames: ['Viewers'] } : null;
 *   },
 * });
 * ```
 */
export function createTicketHandler(options: TicketHandlerOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'POST') return failure(405, 'method_not_allowed', { allow: 'POST' });
    let input: SetupInput | null;
    try {
      input = await options.authorize(request);
    } catch (error) {
      options.onError?.(error, request);
      return failure(500, 'internal_error');
    }
    if (input === null || input === undefined) return failure(401, 'unauthorized');
    try {
      const { ticket } = await options.client.setup(input, { signal: request.signal });
      return new Response(JSON.stringify({ ticketId: ticket }), { status: 200, headers: BASE_HEADERS });
    } catch (error) {
      options.onError?.(error, request);
      return failureFor(error);
    }
  };
}

function failureFor(error: unknown): Response {
  if (isOemkitError(error, 'RATE_LIMITED')) {
    return failure(429, 'rate_limited', error.retryAfter === undefined ? {} : { 'retry-after': String(Math.ceil(error.retryAfter)) });
  }
  if (isOemkitError(error, 'VALIDATION_ERROR')) return failure(500, 'internal_error');
  if (isOemkitError(error) && error.retryable) return failure(503, 'upstream_unavailable');
  if (isOemkitError(error)) return failure(502, 'ticket_unavailable');
  return failure(500, 'internal_error');
}

function failure(status: number, word: TicketHandlerFailure, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: word }), { status, headers: { ...BASE_HEADERS, ...headers } });
}
