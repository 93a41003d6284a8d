/**
 * Server-only: the Astrato OEM client (m2m token, setup, sign-out), the DataBrain guest-token
 * client, Web-standard ticket and guest-token endpoints and the typed errors. Never bundle it for a browser.
 *
 * @module @oemkit/server
 */
export { AstratoClient } from './astrato-client.js';
// Stated once in @oemkit/schema, where the page can read them too.
export { ASTRATO_DEFAULT_BASE_URL, TICKET_LIFETIME, TOKEN_LIFETIME_LIMIT } from '@oemkit/schema';
export type { AstratoClientOptions, SetupInput, SetupResult } from './astrato-client.js';
export type { CallOptions } from './call-options.js';
export { DataBrainClient, DATABRAIN_DEFAULT_BASE_URL } from './databrain-client.js';
export type { DataBrainApiVersion, DataBrainClientOptions, GuestTokenInput } from './databrain-client.js';
export { createTicketHandler, type TicketHandlerOptions } from './ticket-handler.js';
export { createGuestTokenHandler, type GuestTokenHandlerOptions } from './guest-token-handler.js';
export type { HandlerOptions } from './handler-options.js';
export { DEFAULT_RATE_LIMIT, type RateLimiterLike, type RateLimitOptions } from './rate-limit.js';
export { parseCookies } from './cookies.js';
export { TokenCache, type CachedToken, type TokenCacheOptions } from './token-cache.js';
export type { TokenStore } from './token-store.js';
export { resolveTokenExpiry } from './token-expiry.js';
export { assertServerRuntime } from './guard.js';
export type { Logger, LogFields, LogLevel, LogMethod } from './logger.js';
export type { ObservabilityOptions } from './observability.js';
export type { TracerProviderLike } from './tracing.js';
export type { RetryOptions, TransportOptions } from './http.js';
export * from '@oemkit/schema/errors';
