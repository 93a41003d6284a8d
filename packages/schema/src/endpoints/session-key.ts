/**
 * The session key of the ticket endpoint: an opaque name for "the Astrato session this user gets
 * with this setup". The page remembers the key of the session it redeemed and sends it back; the
 * server answers with the key alone when it still fits, and no ticket is minted. The server derives
 * it (`AstratoClient.sessionKey`); here are the names and the rule both sides share.
 *
 * @module
 */

/**
 * The request header in which the page sends the session key it remembers for this Astrato
 * origin. Without it, or with a key that no longer fits the signed-in user, the endpoint mints a
 * ticket as it always did.
 *
 * @example
 * ```ts
 * import { SESSION_KEY_HEADER } from '@oemkit/schema/core';
 * const remembered = localStorage.getItem('my-session-key');
 * const answer = await fetch('/api/astrato-ticket', { method: 'POST', headers: remembered ? { [SESSION_KEY_HEADER]: remembered } : {} });
 * ```
 */
export const SESSION_KEY_HEADER = 'Oemkit-Session-Key';

/**
 * The field of the ticket endpoint's answer that holds the session key: beside a minted
 * `ticketId` (the key of the session that ticket makes), or alone when the key the page sent is
 * still the one this user gets and no ticket was minted.
 *
 * @example
 * ```ts
 * import { SESSION_KEY_FIELD, TICKET_ID_FIELD } from '@oemkit/schema';
 * export async function answer(ticket: string, key: string): Promise<Response> {
 *   return Response.json({ [TICKET_ID_FIELD]: ticket, [SESSION_KEY_FIELD]: key }); // { "ticketId": "…", "sessionKey": "v1.…" }
 * }
 * ```
 */
export const SESSION_KEY_FIELD = 'sessionKey';

/**
 * Tells whether a value can be a session key: 1 to 128 characters of `A-Z a-z 0-9 . _ ~ -`, safe
 * in a header and in storage as it is. The server's keys look like `v1.` and 43 base64url
 * characters; the page sends nothing else, and treats anything else as no key.
 *
 * @example
 * ```ts
 * import { isSessionKey } from '@oemkit/schema/core';
 * isSessionKey('v1.q3Xb0tT7m2YyZ1kq7d6qjv0Wc3m7hN2v5x1Zb8fQe4A'); // true
 * isSessionKey('not valid!'); // false
 * ```
 */
export function isSessionKey(value: unknown): value is string {
  return typeof value === 'string' && /^[\w.~-]{1,128}$/.test(value);
}

/** @internal What {@link isSessionKey} refuses, as every message about a session key says it. */
export const SESSION_KEY_PROBLEM = 'must be a session key: 1 to 128 characters of A-Z a-z 0-9 . _ ~ -';
