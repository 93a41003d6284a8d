import type { AbortedError } from './aborted-error.js';
import type { ApiError } from './api-error.js';
import type { AuthenticationError } from './authentication-error.js';
import type { OemkitErrorCode } from './codes.js';
import type { ConnectionError } from './connection-error.js';
import type { FilterError } from './filter-error.js';
import type { InvalidResponseError } from './invalid-response-error.js';
import { OEMKIT_ERROR_BRAND, OemkitError } from './oemkit-error.js';
import type { RateLimitError } from './rate-limit-error.js';
import type { SessionConflictError } from './session-conflict-error.js';
import type { SessionRecoveryError } from './session-recovery-error.js';
import type { TicketError } from './ticket-error.js';
import type { TicketSourceError } from './ticket-source-error.js';
import type { RequestTimeoutError } from './timeout-error.js';
import type { UnsupportedEnvironmentError } from './unsupported-environment-error.js';
import type { ValidationError } from './validation-error.js';

/**
 * The error class behind each code, for narrowing with {@link isOemkitError}.
 *
 * @example
 * ```ts
 * import type { OemkitErrorByCode } from '@oemkit/schema/errors';
 * function waitFor(error: OemkitErrorByCode['RATE_LIMITED']): number {
 *   return (error.retryAfter ?? 1) * 1000; // a RateLimitError, so retryAfter is there to read
 * }
 * ```
 */
export interface OemkitErrorByCode {
  VALIDATION_ERROR: ValidationError;
  INVALID_FILTER: FilterError;
  AUTHENTICATION_ERROR: AuthenticationError;
  RATE_LIMITED: RateLimitError;
  API_ERROR: ApiError;
  INVALID_RESPONSE: InvalidResponseError;
  TICKET_INVALID: TicketError;
  TIMEOUT: RequestTimeoutError;
  CONNECTION_ERROR: ConnectionError;
  ABORTED: AbortedError;
  SESSION_RECOVERY_FAILED: SessionRecoveryError;
  TICKET_SOURCE_FAILED: TicketSourceError;
  SESSION_CONFLICT: SessionConflictError;
  UNSUPPORTED_ENVIRONMENT: UnsupportedEnvironmentError;
}

/**
 * Tells whether a value is an oemkit error, optionally with one code, narrowing its type. Unlike
 * `instanceof`, it also recognises errors from a second copy of the package in the same bundle.
 *
 * @example
 * ```ts
 * import { isOemkitError } from '@oemkit/schema/errors';
 * try {
 *   await astrato.setup({ email: 'ana@example.com', groupNames: ['Viewers'] });
 * } catch (error) {
 *   if (isOemkitError(error, 'RATE_LIMITED')) console.log(error.retryAfter);
 *   else if (isOemkitError(error)) console.log(error.code);
 * }
 * ```
 */
export function isOemkitError(value: unknown): value is OemkitError;
export function isOemkitError<C extends OemkitErrorCode>(value: unknown, code: C): value is OemkitErrorByCode[C];
export function isOemkitError(value: unknown, code?: OemkitErrorCode): boolean {
  const branded =
    value instanceof OemkitError ||
    (value instanceof Error && (value as unknown as Record<symbol, unknown>)[OEMKIT_ERROR_BRAND] === true);
  return branded && (code === undefined || (value as OemkitError).code === code);
}
