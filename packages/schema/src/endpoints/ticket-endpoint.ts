/**
 * The ticket endpoint, the one contract oemkit owns: the host's backend answers a POST with
 * `{ "ticketId": "...", "sessionKey": "..." }`, `{ "sessionKey": "..." }` (the session the page
 * remembers, sent in `Oemkit-Session-Key`, is still this user's: no ticket needed), an older
 * server's `{ "ticketId": "..." }`, or `{ "error": "<word>" }`, and the page reads it.
 * `createTicketHandler` writes it, `embedDashboard({ ticketUrl })` reads it, and
 * `ticketEndpointAnswerSchema` states it for zod; all three take the fields, the words and the
 * rules from here and from `./session-key.ts`.
 *
 * @module
 */
import { isSessionKey, SESSION_KEY_FIELD } from './session-key.js';

/**
 * The field of the ticket endpoint's answer that holds the ticket id.
 *
 * @example
 * ```ts
 * import { TICKET_ID_FIELD } from '@oemkit/schema';
 * export async function POST(): Promise<Response> {
 *   const { ticket } = await astrato.setup({ email: 'ana@example.com', groupNames: ['Viewers'] });
 *   return Response.json({ [TICKET_ID_FIELD]: ticket }); // { "ticketId": "f0c1a2" }
 * }
 * ```
 */
export const TICKET_ID_FIELD = 'ticketId';

/**
 * Every error word the ticket endpoint answers, with its status. Nothing from the vendor ever
 * leaves the endpoint: only one of these, as `{ "error": word }`.
 *
 * | word | status | when |
 * | --- | --- | --- |
 * | `unauthorized` | 401 | nobody is signed in |
 * | `cross_site_request` | 403 | the request came from a page on another site (`allowedOrigins`), refused before `authorize` |
 * | `method_not_allowed` | 405 | not a POST |
 * | `rate_limited` | 429 | this user asked too often (`rateLimit`), or Astrato kept rate limiting |
 * | `internal_error` | 500 | the endpoint's own code failed |
 * | `ticket_unavailable` | 502 | Astrato refused (credentials, groups, a bad answer) |
 * | `upstream_unavailable` | 503 | Astrato timed out, was unreachable or answered 5xx |
 *
 * @example
 * ```ts
 * import { TICKET_ENDPOINT_ERRORS } from '@oemkit/schema';
 * export function refuse(): Response {
 *   return Response.json({ error: 'unauthorized' }, { status: TICKET_ENDPOINT_ERRORS.unauthorized });
 * }
 * TICKET_ENDPOINT_ERRORS.unauthorized; // 401
 * ```
 */
export const TICKET_ENDPOINT_ERRORS = {
  unauthorized: 401,
  cross_site_request: 403,
  method_not_allowed: 405,
  rate_limited: 429,
  internal_error: 500,
  ticket_unavailable: 502,
  upstream_unavailable: 503,
} as const;

/**
 * One error word of the ticket endpoint; see {@link TICKET_ENDPOINT_ERRORS}.
 *
 * @example
 * ```ts
 * import { ticketEndpointErrorBodySchema, type TicketEndpointErrorWord } from '@oemkit/schema';
 * const answer = await fetch('/api/astrato-ticket', { method: 'POST' });
 * const parsed = ticketEndpointErrorBodySchema.safeParse(await answer.json());
 * const word: TicketEndpointErrorWord | undefined = parsed.success ? parsed.data.error : undefined;
 * if (word === 'unauthorized') location.assign('/sign-in');
 * ```
 */
export type TicketEndpointErrorWord = keyof typeof TICKET_ENDPOINT_ERRORS;

/**
 * Tells whether a value can be a ticket id: a non-empty string that cannot change the redemption
 * path (no `/`, `?`, `#`, `\` or `..`, and not `.` alone, a segment URL parsers remove) and
 * that has a URL form (no lone UTF-16 surrogate, which `encodeURIComponent` throws on). The
 * endpoint answers nothing else and the page redeems nothing else.
 *
 * @example
 * ```ts
 * import { isTicketId } from '@oemkit/schema';
 * isTicketId('f0c1a2'); // true
 * isTicketId('../auth/proxy/0/sign_out'); // false
 * ```
 */
export function isTicketId(value: unknown): value is string {
  return typeof value === 'string' && !/^\.?$|[/?#\\]|\.\.|\p{Cs}/u.test(value);
}

/** @internal What {@link isTicketId} refuses, as every message about a ticket id says it. */
export const TICKET_ID_PROBLEM = 'must be a ticket id without / ? # \\ .. or a lone surrogate, and not .';

/**
 * Reads the ticket id from a parsed ticket endpoint answer, or gives `undefined` when the answer
 * holds none. Zod-free, for the page; it accepts exactly the tickets `ticketEndpointResponseSchema`
 * accepts, and ignores every other field: a page that reads only this (written before session keys)
 * redeems every ticket a newer server mints. {@link readTicketAnswer} reads the session key too.
 *
 * @example
 * ```ts
 * import { readTicketId } from '@oemkit/schema';
 * const ticketId = readTicketId(await (await fetch('/api/astrato-ticket', { method: 'POST' })).json());
 * if (ticketId === undefined) throw new Error('not a ticket endpoint answer');
 * ```
 */
export function readTicketId(body: unknown): string | undefined {
  // A property of null or undefined is undefined here; of any other JSON value, what JSON holds.
  const value = (body as Record<string, unknown> | null | undefined)?.[TICKET_ID_FIELD];
  return isTicketId(value) ? value : undefined;
}

/**
 * A ticket endpoint's answer as the page reads it: a ticket to redeem (with the key of the session
 * it makes, when the server says), or only the key of the session the page already holds.
 *
 * @example
 * ```ts
 * import { readTicketAnswer, type TicketAnswer } from '@oemkit/schema/core';
 * const answer: TicketAnswer | undefined = readTicketAnswer({ sessionKey: 'v1.q3Xb0tT7m2YyZ1kq7d6qjv0Wc3m7hN2v5x1Zb8fQe4A' });
 * answer?.ticketId; // undefined: the remembered session is still this user's, nothing to redeem
 * ```
 */
export interface TicketAnswer {
  /** The ticket to redeem; absent when the session the page remembers is still this user's. */
  ticketId?: string;
  /** The key of the session: the one the ticket makes, or the one kept; absent from an older server. */
  sessionKey?: string;
}

/**
 * Reads a parsed ticket endpoint answer, or gives `undefined` when it is not one. It is a ticket
 * answer when its `ticketId` is a ticket ({@link readTicketId}), with `sessionKey` when that is a
 * key ({@link isSessionKey}; a bad one is dropped, as if an older server had answered), and a kept
 * session when it has no `ticketId` field at all and a valid key. Zod-free, for the page.
 *
 * @example
 * ```ts
 * import { readTicketAnswer, SESSION_KEY_HEADER } from '@oemkit/schema/core';
 * const remembered = localStorage.getItem('my-session-key');
 * const response = await fetch('/api/astrato-ticket', { method: 'POST', headers: remembered ? { [SESSION_KEY_HEADER]: remembered } : {} });
 * const answer = readTicketAnswer(await response.json());
 * if (answer === undefined) throw new Error('not a ticket endpoint answer');
 * // No ticketId: the remembered session is still this user's, and there is nothing to redeem.
 * if (answer.ticketId !== undefined) await fetch(`https://app.astrato.io/auth/proxy/oem/ticket/${answer.ticketId}?embed`, { credentials: 'include' });
 * ```
 */
export function readTicketAnswer(body: unknown): TicketAnswer | undefined {
  const sessionKey = (body as Record<string, unknown> | null | undefined)?.[SESSION_KEY_FIELD];
  const key = isSessionKey(sessionKey) ? { sessionKey } : undefined;
  const ticketId = readTicketId(body);
  if (ticketId !== undefined) return { ticketId, ...key };
  // Only a body without any ticketId field is a kept session: a bad ticket is never read as one.
  return (body as Record<string, unknown> | null | undefined)?.[TICKET_ID_FIELD] === undefined ? key : undefined;
}
