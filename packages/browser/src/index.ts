/**
 * Browser-only and tiny: redeem tickets, embed the dashboard, drive DYNAMIC FILTERING, recover
 * lost sessions. No secrets ever reach it.
 *
 * @module @oemkit/browser
 */
export { embedDashboard } from './embed.js';
export type { EmbedOptions, EmbedEvents, EmbeddedDashboard, ReloadOptions } from './embed-types.js';
export { buildEmbedUrl, type InitialState, type QueryFilter, type WorkbookVariables } from './embed-link.js';
export { redeemTicket, type RedeemOptions } from './redeem.js';
export { signOut } from './sign-out.js';
export { encodeFilters, decodeFilters, type Filter, type FilterInput, type FilterValue } from './filter-codec.js';
export { DYNAMIC_FILTERING, isSessionLostMessage, type HostMessage, type WorkbookMessage, type WorkbookMessages } from './messages.js';
export { unbrandedLoginUrl, unbrandedInviteUrl } from './unbranded.js';
export type { TicketSource } from './ticket-source.js';
export { DEFAULT_BASE_URL } from './base-url.js';
export * from '@oemkit/schema/errors';
