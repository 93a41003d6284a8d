/**
 * @module Redeeming a session ticket from the page: the top-level request that sets Astrato's
 * session cookie before the iframe may load.
 */
import type { RedeemedUser } from '@oemkit/schema';
import { AbortedError, ApiError, ConnectionError, InvalidResponseError, TicketError, ValidationError } from '@oemkit/schema/errors';
import { normalizeBaseUrl } from './base-url.js';

/**
 * Options for {@link redeemTicket}.
 *
 * @example
 * ```ts
 * import type { RedeemOptions } from '@oemkit/browser';
 * const options: RedeemOptions = { baseUrl: 'https://app.astrato.io', signal: AbortSignal.timeout(10_000) };
 * ```
 */
export interface RedeemOptions {
  /** Your Astrato URL. @default 'https://app.astrato.io' */
  baseUrl?: string | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Redeems a ticket: `GET {baseUrl}/auth/proxy/oem/ticket/{ticket}?embed` with the browser's
 * credentials, which sets Astrato's session cookie and returns the user. Tickets live 60 seconds
 * and work once.
 *
 * @throws `ValidationError` for a ticket that is empty or could change the path (`/`, `?`, `#`,
 *   `\`, `..`); `TicketError` when Astrato refuses it (expired, used, unknown); `ApiError`,
 *   `ConnectionError` (also a CORS refusal), `InvalidResponseError` or `AbortedError` otherwise.
 * @example
 * ```ts
 * import { redeemTicket } from '@oemkit/browser';
 * const { ticketId } = await (await fetch('/api/astrato-ticket', { method: 'POST' })).json();
 * const user = await redeemTicket(ticketId);
 * console.log(user.email);
 * ```
 */
export async function redeemTicket(ticket: string, options: RedeemOptions = {}): Promise<RedeemedUser> {
  if (typeof ticket !== 'string' || ticket === '' || /[/?#\\]|\.\./.test(ticket)) {
    throw new ValidationError('ticket', [{ path: ['ticket'], message: 'must be a ticket id without / ? # \\ or ..' }]);
  }
  const base = normalizeBaseUrl(options.baseUrl);
  const context = { service: 'astrato' as const, method: 'GET', url: `${base}/auth/proxy/oem/ticket/[REDACTED]?embed` };
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${base}/auth/proxy/oem/ticket/${encodeURIComponent(ticket)}?embed`, {
      credentials: 'include',
      headers: { accept: 'application/json' },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    text = await response.text();
  } catch (error) {
    throw options.signal?.aborted ? new AbortedError('ticket redemption', options.signal.reason) : new ConnectionError(context, error);
  }
  if (!response.ok) {
    const init = { ...context, status: response.status };
    // Any client error on a well-formed ticket means this ticket cannot be used: get a new one.
    throw response.status >= 400 && response.status < 500 && response.status !== 429 ? new TicketError(init) : new ApiError(init);
  }
  try {
    const user = JSON.parse(text) as unknown;
    if (typeof user === 'object' && user !== null) return user as RedeemedUser;
  } catch {
    // reported below
  }
  throw new InvalidResponseError(context, response.status, 'the redeemed user is not a JSON object');
}
