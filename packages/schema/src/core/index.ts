/**
 * The zod-free part of `@oemkit/schema`, small enough for a host page: the error family, Astrato's
 * constants, the ticket and guest-token endpoints' contracts and the base-URL rule. `@oemkit/browser` imports it;
 * everything in it is also exported from `@oemkit/schema`.
 *
 * @module @oemkit/schema/core
 */
export * from '../errors/index.js';
export * from './astrato-constants.js';
export * from './exchange-limits.js';
export * from './ticket-endpoint.js';
export * from './guest-token-endpoint.js';
export { isHeaderCredential } from './header-credential.js';
export { readAstratoOrigin, readUrl } from './base-url.js';
export { optionError } from './option-error.js';
