import { readTicketId, TICKET_ID_FIELD, ValidationError } from '@oemkit/schema/core';
import { fetchJson } from './fetch-json.js';

/**
 * Where the page gets tickets: your own function, or your backend's ticket endpoint (as made by
 * `createTicketHandler` in `@oemkit/server`), which must answer a POST with `{ "ticketId": "..." }`
 * (`ticketEndpointResponseSchema` in `@oemkit/schema`; the page reads it with `readTicketId`).
 * With `ticketUrl` every failure is an oemkit error: redirects are refused (a session that sent the
 * request to a sign-in page is an `ApiError` with status 0 or the 3xx), statuses become their
 * classes (`RateLimitError` for 429, ...), and a body that is not that JSON, or passes 64 KiB, is
 * an `InvalidResponseError` that never quotes it. What your own `getTicket` throws reaches `ready`
 * and the `error` event unchanged, so throw oemkit errors there if you switch on `code`.
 *
 * @example
 * ```ts
 * import type { TicketSource } from '@oemkit/browser';
 * const fromEndpoint: TicketSource = { ticketUrl: '/api/astrato-ticket' };
 * const fromFunction: TicketSource = { getTicket: () => myApi.astratoTicket() };
 * ```
 */
export type TicketSource = { getTicket: () => Promise<string>; ticketUrl?: never } | { ticketUrl: string; getTicket?: never };

/** @internal Turns either form of {@link TicketSource} into one function; `signal` stops an endpoint request. */
export function ticketFetcher(
  source: Partial<{ getTicket: () => Promise<string>; ticketUrl: string }>,
  timeout: number,
): (signal: AbortSignal) => Promise<string> {
  const { getTicket, ticketUrl: url } = source;
  if (typeof getTicket === 'function') return () => getTicket();
  if (typeof url !== 'string') {
    throw new ValidationError('options', [{ path: ['getTicket'], message: 'pass getTicket() or ticketUrl' }]);
  }
  // Same-origin credentials carry the host's own session cookie to its backend.
  return (signal) =>
    fetchJson(
      url,
      { service: 'host', method: 'POST', url },
      { method: 'POST', credentials: 'same-origin' },
      timeout,
      signal,
      readTicketId,
      `{ "${TICKET_ID_FIELD}": "..." }`,
    );
}
