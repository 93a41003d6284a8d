import { OEMKIT_ERROR_BRAND, optionError } from '@oemkit/schema/internal';
import { readTicketAnswer, SESSION_KEY_HEADER, TICKET_ID_FIELD, type TicketAnswer } from '@oemkit/schema/core';
import { AbortedError, TicketSourceError } from '@oemkit/schema/errors';
import { fetchJson } from './fetch-json.js';

/**
 * Where the page gets tickets: your own function, or your backend's ticket endpoint (as made by
 * `createTicketHandler` in `@oemkit/server`), which must answer a POST with `{ "ticketId": "..." }`
 * (`ticketEndpointResponseSchema` in `@oemkit/schema`; the page reads it with `readTicketId`).
 * With `ticketUrl` every failure is an oemkit error: redirects are refused (a session that sent the
 * request to a sign-in page is an `ApiError` with status 0 or the 3xx), statuses become their
 * classes (`RateLimitError` for 429, ...), and a body that is not that JSON, or passes 64 KiB, is
 * an `InvalidResponseError` that never quotes it. With your own `getTicket`, an oemkit error it
 * throws reaches `ready` and the `error` event as it is; anything else it throws or rejects with
 * arrives as a `TicketSourceError` (code `TICKET_SOURCE_FAILED`) whose `cause` is the original, as
 * does no result within the embed's `timeout`; a result that is not a ticket id is refused by the
 * redemption, before any request, with a `ValidationError` (path `ticket`).
 */
export type TicketSource =
  | { getTicket: (context: { sessionKey?: string | undefined }) => Promise<string | TicketAnswer>; ticketUrl?: never }
  | { ticketUrl: string; getTicket?: never };

/**
 * @internal What a host gave for a ticket (a bare ticket id, or the endpoint's answer) read as the
 * endpoint's answer is read: a session key that is no key is dropped; anything that is no answer
 * stays as the ticket, for the redemption to refuse with a `ValidationError` before any request.
 */
export const asTicketAnswer = (given: unknown): TicketAnswer =>
  readTicketAnswer(typeof given == 'string' ? { [TICKET_ID_FIELD]: given } : given) ?? { ticketId: given as string };

/**
 * @internal Turns either form of {@link TicketSource} into one function that asks for a ticket,
 * sending the session key the page remembers (none to force a ticket), and gives the answer or
 * throws an oemkit error, within `timeout`; `signal` stops an endpoint request.
 */
export function ticketFetcher(
  source: Partial<{ getTicket: TicketSource['getTicket']; ticketUrl: string }>,
  timeout: number,
): (signal: AbortSignal, sessionKey?: string) => Promise<TicketAnswer> {
  const { getTicket, ticketUrl: url } = source;
  if (typeof getTicket === 'function') {
    // Bounded like the ticket request: a getTicket() that never settles must not hold the dashboard.
    // What it resolves to is checked once, by the redemption (a ValidationError before any request):
    // a bare ticket id as before, or the endpoint's answer.
    return (signal, sessionKey) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new TicketSourceError(`did not settle within ${timeout} ms`)), timeout);
        // Destroyed (before or while it asks): nothing is minted for it, and the session's lock is let go now.
        const stop = () => (clearTimeout(timer), reject(new AbortedError('getTicket()', signal.reason)));
        if (signal.aborted) return stop();
        signal.addEventListener('abort', stop);
        // Called in a then(), so a getTicket() that throws at once rejects like one that rejects later.
        // By its brand, not instanceof: an oemkit error from another copy of the package passes too.
        Promise.resolve({ sessionKey })
          .then(getTicket)
          .then(
            (ticket) => resolve(asTicketAnswer(ticket)),
            (error: unknown) => reject((error as { [OEMKIT_ERROR_BRAND]?: true } | undefined)?.[OEMKIT_ERROR_BRAND] ? error : new TicketSourceError('threw or rejected', error)),
          )
          .finally(() => (clearTimeout(timer), signal.removeEventListener('abort', stop)));
      });
  }
  if (typeof url !== 'string') {
    throw optionError('getTicket', 'pass getTicket() or ticketUrl');
  }
  // Same-origin credentials carry the host's own session cookie to its backend.
  return (signal, sessionKey) =>
    fetchJson(
      url,
      { service: 'host', method: 'POST', url },
      { method: 'POST', credentials: 'same-origin', headers: sessionKey ? { [SESSION_KEY_HEADER]: sessionKey } : {} },
      timeout,
      signal,
      readTicketAnswer,
      `{ "${TICKET_ID_FIELD}": "..." }`,
    );
}
