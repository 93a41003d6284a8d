/**
 * Redeeming a session ticket from the page: the top-level request that sets Astrato's
 * session cookie before the iframe may load.
 *
 * @module
 */
import type { RedeemedUser } from '@oemkit/schema';
import { DEFAULT_REQUEST_TIMEOUT, isTicketId } from '@oemkit/schema/core';
import { durationOption, readAstratoOrigin, TICKET_ID_PROBLEM } from '@oemkit/schema/internal';
import { ValidationError } from '@oemkit/schema/errors';
import { fetchJson } from './fetch-json.js';

/**
 * Options for {@link redeemTicket}.
 */
export interface RedeemOptions {
  /** Your Astrato URL: an origin, without a path. @default 'https://app.astrato.io' */
  baseUrl?: string | undefined;
  /** Milliseconds the whole redemption, body included, may take (1 to 2147483647). @default 10000 */
  timeout?: number | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Redeems a ticket: `GET {baseUrl}/auth/proxy/oem/ticket/{ticket}?embed` with the browser's
 * credentials, which sets Astrato's session cookie and returns the user. Tickets live 60 seconds
 * and work once. Redirects are not followed, and no error ever shows the ticket or the body.
 *
 * @throws `ValidationError` for a ticket that is empty or could change the path (`/`, `?`, `#`,
 *   `\`, `..`) or a bad `timeout`; `TicketError` when Astrato refuses it (any 4xx but 429:
 *   expired, used, unknown); `RateLimitError` for 429; `ApiError` for 5xx or a redirect;
 *   `InvalidResponseError` for a body that is not a JSON object or passes 64 KiB;
 *   `RequestTimeoutError` after `timeout`; `ConnectionError` (also a CORS refusal); `AbortedError`.
 * @example
 * ```ts
 * import { redeemTicket } from '@oemkit/browser';
 * const { ticketId } = await (await fetch('/api/astrato-ticket', { method: 'POST' })).json();
 * const user = await redeemTicket(ticketId);
 * console.log(user.email);
 * ```
 */
export async function redeemTicket(ticket: string, options: RedeemOptions = {}): Promise<RedeemedUser> {
  if (!isTicketId(ticket)) {
    throw new ValidationError('ticket', [{ path: ['ticket'], message: TICKET_ID_PROBLEM }]);
  }
  const path = `${readAstratoOrigin(options.baseUrl)}/auth/proxy/oem/ticket/`;
  return fetchJson(
    `${path}${encodeURIComponent(ticket)}?embed`,
    { service: 'astrato', method: 'GET', url: `${path}[REDACTED]?embed` },
    { credentials: 'include' },
    durationOption(options.timeout, 'timeout', DEFAULT_REQUEST_TIMEOUT, 1),
    options.signal,
    // Any JSON object or array, not null: what JSON.parse gives is of this realm.
    (user) => (user instanceof Object ? (user as RedeemedUser) : undefined),
    'a JSON object',
    ticket,
  );
}
