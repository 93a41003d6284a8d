/**
 * Every stable `code` an oemkit error can carry. Codes never change meaning between releases, so
 * callers may switch on them, log them and alert on them.
 *
 * | code | thrown when | retryable |
 * | --- | --- | --- |
 * | `VALIDATION_ERROR` | an input or option is invalid; nothing was sent | no |
 * | `INVALID_FILTER` | a dynamic filter cannot be encoded for Astrato's action | no |
 * | `AUTHENTICATION_ERROR` | the vendor answered 401 or 403 | no |
 * | `RATE_LIMITED` | the vendor answered 429 after every retry | yes |
 * | `API_ERROR` | any other non-2xx answer | for 408 and 5xx |
 * | `INVALID_RESPONSE` | a 2xx answer whose body is not what the wire contract says | no |
 * | `TICKET_INVALID` | a session ticket was expired, already used or unknown | no |
 * | `TIMEOUT` | no answer within the timeout | yes |
 * | `CONNECTION_ERROR` | the request never reached the server | yes |
 * | `ABORTED` | the caller's `AbortSignal` fired | no |
 * | `SESSION_RECOVERY_FAILED` | the embedded session failed again right after recovery | no |
 * | `TICKET_SOURCE_FAILED` | the host's own `getTicket()` threw, rejected or did not settle in time | no |
 * | `SESSION_CONFLICT` | a dashboard's ticket is for another user or row-level setup than a live dashboard's on the same page | no |
 * | `UNSUPPORTED_ENVIRONMENT` | server code was loaded in a browser | no |
 *
 * @example
 * ```ts
 * import { OEMKIT_ERROR_CODES } from '@oemkit/schema/errors';
 * console.log(OEMKIT_ERROR_CODES.includes('TIMEOUT')); // true
 * ```
 */
export const OEMKIT_ERROR_CODES = [
  'VALIDATION_ERROR',
  'INVALID_FILTER',
  'AUTHENTICATION_ERROR',
  'RATE_LIMITED',
  'API_ERROR',
  'INVALID_RESPONSE',
  'TICKET_INVALID',
  'TIMEOUT',
  'CONNECTION_ERROR',
  'ABORTED',
  'SESSION_RECOVERY_FAILED',
  'TICKET_SOURCE_FAILED',
  'SESSION_CONFLICT',
  'UNSUPPORTED_ENVIRONMENT',
] as const;

/**
 * The union of every stable error code; see {@link OEMKIT_ERROR_CODES} for what each means.
 *
 * @example
 * ```ts
 * import { isOemkitError, type OemkitErrorCode } from '@oemkit/schema/errors';
 * const retryLater: readonly OemkitErrorCode[] = ['RATE_LIMITED', 'TIMEOUT', 'CONNECTION_ERROR'];
 * try {
 *   await astrato.setup({ email: 'ana@example.com', groupNames: ['Viewers'] });
 * } catch (error) {
 *   if (isOemkitError(error) && retryLater.includes(error.code)) console.warn('try again shortly');
 * }
 * ```
 */
export type OemkitErrorCode = (typeof OEMKIT_ERROR_CODES)[number];

/**
 * Which remote service answered. `host` is the embedding application's own backend (its ticket
 * endpoint), as seen from the browser package.
 *
 * @example
 * ```ts
 * import { ApiError, type Service } from '@oemkit/schema/errors';
 * const vendorName: Record<Service, string> = { astrato: 'Astrato', databrain: 'DataBrain', host: 'your ticket endpoint' };
 * const error = new ApiError({ service: 'databrain', status: 503, method: 'POST', url: 'https://api.usedatabrain.com/' });
 * vendorName[error.service]; // 'DataBrain'
 * ```
 */
export type Service = 'astrato' | 'databrain' | 'host';
