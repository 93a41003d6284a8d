/**
 * The zod-free part of `@oemkit/schema`, small enough for a host page: the error family, Astrato's
 * constants, the ticket and guest-token endpoints' contracts and the base-URL rule. `@oemkit/browser` imports it;
 * everything in it is also exported from `@oemkit/schema`.
 *
 * @module @oemkit/schema/core
 */
export * from './errors.js';
export * from './astrato/constants.js';
export * from './internal/exchange-limits.js';
export * from './endpoints/ticket-endpoint.js';
export * from './endpoints/guest-token-endpoint.js';
export { isHeaderCredential } from './internal/header-credential.js';
export { readAstratoOrigin, readUrl } from './astrato/base-url.js';
export { optionError } from './internal/option-error.js';
