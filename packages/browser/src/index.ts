/**
 * Browser-only and tiny: redeem tickets, embed the dashboard, drive DYNAMIC FILTERING, recover
 * lost sessions. No secrets ever reach it.
 *
 * @module @oemkit/browser
 */
export { embedDashboard } from './embed/embed-dashboard.js';
export type { EmbedOptions, EmbedEvents, EmbeddedDashboard, ReloadOptions } from './embed/embed-types.js';
export { buildEmbedUrl, type InitialState, type QueryFilter, type WorkbookVariables } from './links/embed-link.js';
export { redeemTicket, type RedeemOptions } from './exchange/redeem.js';
export { signOut } from './session/sign-out.js';
export { encodeFilters, decodeFilters, type Filter, type FilterInput, type FilterValue } from './links/filter-codec.js';
export { DYNAMIC_FILTERING, type HostMessage, type WorkbookMessage, type WorkbookMessages } from './embed/messages.js';
export { unbrandedLoginUrl, unbrandedInviteUrl } from './links/unbranded.js';
export type { TicketSource } from './exchange/ticket-source.js';
// The error family from its one home, so both packages throw the same classes: that entry holds
// the family and nothing else (what the packages share besides is @oemkit/schema/internal).
export * from '@oemkit/schema/errors';
