/**
 * @module The backend endpoint that turns a signed-in user into an Astrato ticket id, and nothing else.
 */
import {
  isOemkitError,
  TICKET_ENDPOINT_ERRORS,
  TICKET_ID_FIELD,
  ValidationError,
  type TicketEndpointErrorBody,
  type TicketEndpointErrorWord,
  type TicketEndpointResponse,
  type ValidationIssue,
} from '@oemkit/schema';
import type { AstratoClient, SetupInput } from './astrato-client.js';
import { failureFields } from './lib/failure-fields.js';

/**
 * Options for {@link createTicketHandler}, checked when the handler is created.
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
 *   onError: (error) => logger.error({ err: error }, 'ticket endpoint failed'),
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
  /**
   * Sees every failure (`authorize` throwing, Astrato refusing), for your logs. oemkit errors are
   * safe to log whole. Without it, each failure is logged once on the console, one line with the
   * answer sent and the error's `code`, `status`, `vendorCode`, `correlationId` and message; of an
   * error that is not oemkit's only its class name, since its message may hold anything. 429 and
   * 503 go to `console.warn`, the rest to `console.error`; a request the client abandoned is not
   * logged.
   * @default one console line per failure
   */
  onError?: ((error: unknown, request: Request) => void) | undefined;
}

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
 * Failures answer a stable word (`{ "error": "unauthorized" }`), never a token or vendor text;
 * both shapes are `ticketEndpointResponseSchema` and `ticketEndpointErrorBodySchema` of
 * `@oemkit/schema`, which the page reads.
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
 * @throws `ValidationError` at once when `client` has no `setup`, `authorize` is not a function or
 *   `onError` is given but is not one.
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
 *   onError: (error) => console.error(error), // oemkit errors hold no secret
 * });
 * ```
 */
export function createTicketHandler(options: TicketHandlerOptions): (request: Request) => Promise<Response> {
  checkOptions(options);
  const { client, authorize, onError } = options;
  const failed = (error: unknown, request: Request, word: TicketEndpointErrorWord, headers?: Record<string, string>) => {
    if (onError) onError(error, request);
    else if (!(request.signal.aborted && isOemkitError(error, 'ABORTED'))) logFailure(error, word);
    return failure(word, headers);
  };
  return async (request) => {
    if (request.method !== 'POST') return failure('method_not_allowed', { allow: 'POST' });
    let input: SetupInput | null;
    try {
      input = await authorize(request);
    } catch (error) {
      return failed(error, request, 'internal_error');
    }
    if (input === null || input === undefined) return failure('unauthorized');
    try {
      const { ticket } = await client.setup(input, { signal: request.signal });
      return answer(200, { [TICKET_ID_FIELD]: ticket } satisfies TicketEndpointResponse);
    } catch (error) {
      const [word, headers] = failureFor(error);
      return failed(error, request, word, headers);
    }
  };
}

function checkOptions(options: TicketHandlerOptions): void {
  const given = (typeof options === 'object' && options !== null ? options : {}) as Partial<Record<keyof TicketHandlerOptions, unknown>>;
  const issues: ValidationIssue[] = [];
  if (typeof (given.client as { setup?: unknown } | null)?.setup !== 'function') {
    issues.push({ path: ['client'], message: 'must be an AstratoClient (anything with its setup method)' });
  }
  if (typeof given.authorize !== 'function') {
    issues.push({ path: ['authorize'], message: 'must be a function returning the setup input for the signed-in user, or null for nobody' });
  }
  if (given.onError !== undefined && typeof given.onError !== 'function') {
    issues.push({ path: ['onError'], message: 'must be a function (error, request) => void, or left out to log failures on the console' });
  }
  if (issues.length > 0) throw new ValidationError('createTicketHandler options', issues);
}

function failureFor(error: unknown): [TicketEndpointErrorWord, Record<string, string>?] {
  if (isOemkitError(error, 'RATE_LIMITED')) {
    return ['rate_limited', error.retryAfter === undefined ? {} : { 'retry-after': String(Math.ceil(error.retryAfter)) }];
  }
  if (isOemkitError(error, 'VALIDATION_ERROR')) return ['internal_error'];
  if (isOemkitError(error) && error.retryable) return ['upstream_unavailable'];
  if (isOemkitError(error)) return ['ticket_unavailable'];
  return ['internal_error'];
}

/**
 * The default for a handler without `onError`: one line per failure, fields as `key=value` with
 * quoted strings, so a log search finds `code=AUTHENTICATION_ERROR` or a correlation id.
 */
function logFailure(error: unknown, word: TicketEndpointErrorWord): void {
  const status = TICKET_ENDPOINT_ERRORS[word];
  const { causes, ...fields } = failureFields(error);
  const pairs = Object.entries({ ...fields, ...(causes ? { cause: causes.join(': ') } : {}) }).map(
    ([key, value]) => `${key}=${typeof value === 'string' && key !== 'code' && key !== 'name' ? JSON.stringify(value) : value}`,
  );
  const hint = fields.code === 'UNEXPECTED' ? ' (its message is not logged: pass onError to see the error)' : '';
  const log = status === 429 || status === 503 ? console.warn : console.error;
  log(`[oemkit] ticket endpoint answered ${status} ${word}: ${pairs.join(' ')}${hint}`);
}

function failure(word: TicketEndpointErrorWord, headers: Record<string, string> = {}): Response {
  return answer(TICKET_ENDPOINT_ERRORS[word], { error: word } satisfies TicketEndpointErrorBody, headers);
}

function answer(status: number, body: TicketEndpointResponse | TicketEndpointErrorBody, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...BASE_HEADERS, ...headers } });
}
