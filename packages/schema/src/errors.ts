/**
 * The one error family of oemkit, with stable `code`s: `@oemkit/server` and `@oemkit/browser`
 * re-export it by name, so an error caught from either is `instanceof` the same classes.
 *
 * @module @oemkit/schema/errors
 */
export { OEMKIT_ERROR_CODES, type OemkitErrorCode, type Service } from './errors/codes.js';
export { OemkitError, type OemkitErrorOptions } from './errors/oemkit-error.js';
export { ValidationError, type ValidationIssue } from './errors/validation-error.js';
export { FilterError } from './errors/filter-error.js';
export { ApiError, type ApiErrorInit, type ApiErrorCode } from './errors/api-error.js';
export { AuthenticationError } from './errors/authentication-error.js';
export { RateLimitError } from './errors/rate-limit-error.js';
export { TicketError } from './errors/ticket-error.js';
export type { RequestContext } from './errors/request-context.js';
export { RequestTimeoutError } from './errors/timeout-error.js';
export { ConnectionError } from './errors/connection-error.js';
export { AbortedError } from './errors/aborted-error.js';
export { InvalidResponseError } from './errors/invalid-response-error.js';
export { SessionRecoveryError } from './errors/session-recovery-error.js';
export { TicketSourceError } from './errors/ticket-source-error.js';
export { SessionConflictError } from './errors/session-conflict-error.js';
export { UnsupportedEnvironmentError } from './errors/unsupported-environment-error.js';
export { isOemkitError, type OemkitErrorByCode } from './errors/guards.js';
