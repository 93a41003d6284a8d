/**
 * What oemkit's own packages share and users should not: rules and helpers `@oemkit/server` and
 * `@oemkit/browser` both need, in one home. Outside semver: any release may change or remove
 * anything here. Zod-free, so the page may import it.
 *
 * @internal
 * @module @oemkit/schema/internal
 */
export { readAstratoOrigin, readUrl } from './astrato/base-url.js';
export { LARGEST_BODY, LONGEST_TIMER, durationProblem } from './internal/exchange-limits.js';
export { durationOption } from './internal/duration-option.js';
export { isHeaderCredential } from './internal/header-credential.js';
export { optionError } from './internal/option-error.js';
export { TICKET_ID_PROBLEM } from './endpoints/ticket-endpoint.js';
export { SESSION_KEY_PROBLEM } from './endpoints/session-key.js';
export { GUEST_TOKEN_PROBLEM } from './endpoints/guest-token-endpoint.js';
export { OEMKIT_ERROR_BRAND } from './errors/oemkit-error.js';
export { createApiError, type ApiErrorKind } from './errors/create-api-error.js';
export { formatIssuePath, formatValidationIssues } from './errors/validation-error.js';
export { toValidationIssues, validate } from './validation/validate.js';
