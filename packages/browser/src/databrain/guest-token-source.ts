/**
 * Where the page gets DataBrain guest tokens: the host's guest-token endpoint or its own
 * function, both bounded by the embed's `timeout` and failing as oemkit errors.
 *
 * @module
 */
import { GUEST_TOKEN_FIELD, readGuestTokenAnswer, type GuestTokenAnswer } from '@oemkit/schema/core';
import { TicketSourceError } from '@oemkit/schema/errors';
import { OEMKIT_ERROR_BRAND, optionError } from '@oemkit/schema/internal';
import { fetchJson } from '../exchange/fetch-json.js';

/**
 * Where the page gets guest tokens: your backend's guest-token endpoint (as made by
 * `createGuestTokenHandler` in `@oemkit/server`), which must answer a POST with
 * `{ "token": "...", "expiresIn": 3600000 }` (`expiresIn` optional; `readGuestTokenAnswer` of
 * `@oemkit/schema` reads it), or your own function resolving to a token or to
 * `{ token, expiresIn }`. With `tokenUrl` every failure is an oemkit error: redirects are refused,
 * statuses become their classes (`AuthenticationError` for 401, `RateLimitError` for 429, ...), and
 * a body that is not that JSON, or passes 64 KiB, is an `InvalidResponseError` that never quotes
 * it. With `getToken`, an oemkit error it throws passes through; anything else it throws, or no
 * result within `timeout`, is a `TicketSourceError` (code `TICKET_SOURCE_FAILED`, message
 * `getToken() ...`) whose `cause` is the original; a result that is not a token is a
 * `ValidationError` (path `getToken`).
 *
 * @example
 * ```ts
 * import { embedDataBrain, type GuestTokenSource } from '@oemkit/browser/databrain';
 * // Your own client instead of the endpoint: it answers { token, expiresIn } as the endpoint does.
 * const source: GuestTokenSource = {
 *   getToken: async () => (await fetch('/api/analytics/token', { method: 'POST', credentials: 'same-origin' })).json(),
 * };
 * embedDataBrain({ container: '#analytics', dashboardId: 'sales-dashboard', ...source });
 * ```
 */
export type GuestTokenSource =
  | { getToken: () => Promise<string | GuestTokenAnswer>; tokenUrl?: never }
  | { tokenUrl: string; getToken?: never };

/** @internal The `TicketSourceError` for `getToken()`, whose message names it (the class words it for `getTicket()`). */
function sourceError(problem: string, cause?: unknown): TicketSourceError {
  const error = new TicketSourceError(problem, cause);
  // Reworded here rather than in the class, so that the Astrato embed path ships not one byte more.
  error.message = `getToken() ${problem}`;
  return error;
}

/**
 * @internal Turns either form of {@link GuestTokenSource} into one function that gives a token
 * (and its lifetime when known) or throws an oemkit error, within `timeout`; `signal` stops an
 * endpoint request.
 */
export function guestTokenFetcher(
  source: Partial<{ getToken: () => Promise<string | GuestTokenAnswer>; tokenUrl: string }>,
  timeout: number,
): (signal: AbortSignal) => Promise<GuestTokenAnswer> {
  const { getToken, tokenUrl: url } = source;
  if (typeof getToken === 'function') {
    return () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(sourceError(`did not settle within ${timeout} ms`)), timeout);
        // In a then(), so a getToken() that throws at once rejects like one that rejects later.
        Promise.resolve()
          .then(getToken)
          .then(
            (result) => {
              const answer = readGuestTokenAnswer(typeof result === 'string' ? { [GUEST_TOKEN_FIELD]: result } : result);
              // The value is not quoted: it may be a token with one bad character.
              if (answer) resolve(answer);
              else reject(optionError('getToken', 'must resolve to a guest token or { token, expiresIn } (expiresIn a whole number of ms)'));
            },
            // By its brand, not instanceof: an oemkit error from another copy of the package passes too.
            (error: unknown) => reject((error as { [OEMKIT_ERROR_BRAND]?: true } | undefined)?.[OEMKIT_ERROR_BRAND] ? error : sourceError('threw or rejected', error)),
          )
          .finally(() => clearTimeout(timer));
      });
  }
  if (typeof url !== 'string') throw optionError('getToken', 'pass getToken() or tokenUrl');
  // Same-origin credentials carry the host's own session cookie to its backend.
  return (signal) =>
    fetchJson(url, { service: 'host', method: 'POST', url }, { method: 'POST', credentials: 'same-origin' }, timeout, signal, readGuestTokenAnswer, `{ "${GUEST_TOKEN_FIELD}": "..." }`);
}
