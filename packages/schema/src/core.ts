/**
 * The zod-free part of `@oemkit/schema`, small enough for a host page: Astrato's constants and the
 * readers of oemkit's ticket and guest-token endpoints. Everything in it is also exported from
 * `@oemkit/schema`.
 *
 * @module @oemkit/schema/core
 */
export { ASTRATO_DEFAULT_BASE_URL, SESSION_LIFETIME, TICKET_LIFETIME, TOKEN_LIFETIME_LIMIT } from './astrato/constants.js';
export { DEFAULT_REQUEST_TIMEOUT } from './internal/exchange-limits.js';
export {
  TICKET_ID_FIELD,
  TICKET_ENDPOINT_ERRORS,
  isTicketId,
  readTicketId,
  readTicketAnswer,
  type TicketAnswer,
  type TicketEndpointErrorWord,
} from './endpoints/ticket-endpoint.js';
export { SESSION_KEY_HEADER, SESSION_KEY_FIELD, isSessionKey } from './endpoints/session-key.js';
export {
  GUEST_TOKEN_FIELD,
  GUEST_TOKEN_EXPIRES_IN_FIELD,
  GUEST_TOKEN_ENDPOINT_ERRORS,
  isGuestToken,
  isGuestTokenLifetime,
  readGuestToken,
  readGuestTokenAnswer,
  type GuestTokenAnswer,
  type GuestTokenEndpointErrorWord,
} from './endpoints/guest-token-endpoint.js';
