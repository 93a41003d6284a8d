/**
 * Server-only: the Astrato OEM client (m2m token, setup, sign-out), the DataBrain guest-token
 * client, Web-standard ticket and guest-token endpoints and the typed errors. Never bundle it for a browser.
 *
 * @module @oemkit/server
 */
export { AstratoClient } from './astrato/astrato-client.js';
// Stated once in @oemkit/schema, where the page can read them too.
export { ASTRATO_DEFAULT_BASE_URL, TICKET_LIFETIME, TOKEN_LIFETIME_LIMIT } from '@oemkit/schema';
export type { AstratoClientOptions, SetupInput, SetupResult } from './astrato/astrato-client.js';
export type { CallOptions } from './transport/call-options.js';
export { DataBrainClient, DATABRAIN_DEFAULT_BASE_URL } from './databrain/databrain-client.js';
export type { DataBrainApiVersion, DataBrainClientOptions, GuestTokenInput } from './databrain/databrain-client.js';
export { createTicketHandler, type TicketHandlerOptions } from './handlers/ticket-handler.js';
export { createGuestTokenHandler, type GuestTokenHandlerOptions } from './handlers/guest-token-handler.js';
export type { HandlerOptions } from './handlers/handler-options.js';
export { DEFAULT_RATE_LIMIT, type RateLimiterLike, type RateLimitOptions } from './handlers/rate-limit.js';
export { parseCookies } from './transport/cookies.js';
export type { TokenStore } from './token/token-store.js';
export type { Logger, LogFields, LogLevel, LogMethod } from './observability/logger.js';
export type { ObservabilityOptions } from './observability/observability-options.js';
export type { TracerProviderLike } from './observability/tracing.js';
export type { RetryOptions, TransportOptions } from './transport/transport-options.js';
// The error family from its one home, so both packages throw the same classes: that entry holds
// the family and nothing else (what the packages share besides is @oemkit/schema/internal).
export * from '@oemkit/schema/errors';
