import { ApiError, type ApiErrorInit } from './api-error.js';
import { AuthenticationError } from './authentication-error.js';
import { RateLimitError } from './rate-limit-error.js';
import { TicketError } from './ticket-error.js';

/**
 * What the request was, where that changes what a status means.
 *
 * @example
 * ```ts
 * import { createApiError, type ApiErrorKind } from '@oemkit/schema/internal';
 * const kind: ApiErrorKind = { ticketRedemption: true };
 * createApiError({ service: 'astrato', status: 404, method: 'GET', url: 'https://app.astrato.io/auth/proxy/oem/ticket/[REDACTED]' }, kind).code; // 'TICKET_INVALID'
 * ```
 */
export interface ApiErrorKind {
  /** A ticket redemption: any 4xx but 429 means this ticket cannot be used. @default false */
  ticketRedemption?: boolean | undefined;
}

/**
 * The one place an HTTP status becomes an error class, on the server and in the browser: 401 and
 * 403 are {@link AuthenticationError}, 429 is {@link RateLimitError}, a client error on a ticket
 * redemption is {@link TicketError}, anything else (a refused redirect included) a general
 * {@link ApiError}.
 *
 * @example
 * ```ts
 * import { createApiError } from '@oemkit/schema/internal';
 * const error = createApiError({ service: 'databrain', status: 429, method: 'POST', url: 'https://api.usedatabrain.com/api/v2/guest-token/create', retryAfter: 2 });
 * console.log(error.code); // RATE_LIMITED
 * ```
 */
export function createApiError(init: ApiErrorInit, kind: ApiErrorKind = {}): ApiError {
  if (init.status === 429) return new RateLimitError(init);
  if (kind.ticketRedemption && init.status >= 400 && init.status < 500) return new TicketError(init);
  if (init.status === 401 || init.status === 403) return new AuthenticationError(init);
  return new ApiError(init);
}
