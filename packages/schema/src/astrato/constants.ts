/**
 * What Astrato fixes and oemkit relies on on both sides: its cloud URL and how long each
 * credential lives. Astrato's documentation: "token: valid for 10 minutes, ticket: 60 seconds, session: 7 days.
 * Please note, expiry is not custom."
 *
 * @module
 */

/**
 * Astrato's cloud, the default wherever a base URL is optional (server and browser alike).
 *
 * @example
 * ```ts
 * import { ASTRATO_DEFAULT_BASE_URL } from '@oemkit/schema';
 * console.log(ASTRATO_DEFAULT_BASE_URL); // https://app.astrato.io
 * ```
 */
export const ASTRATO_DEFAULT_BASE_URL = 'https://app.astrato.io';

/**
 * A ticket can be redeemed for 60 seconds after setup (milliseconds).
 *
 * @example
 * ```ts
 * import { TICKET_LIFETIME } from '@oemkit/schema';
 * console.log(TICKET_LIFETIME); // 60000
 * ```
 */
export const TICKET_LIFETIME = 60_000;

/**
 * The documented m2m token lifetime in milliseconds. No token is trusted for longer.
 *
 * @example
 * ```ts
 * import { TOKEN_LIFETIME_LIMIT } from '@oemkit/schema';
 * console.log(TOKEN_LIFETIME_LIMIT); // 600000
 * ```
 */
export const TOKEN_LIFETIME_LIMIT = 10 * 60_000;

/**
 * How long the session cookie set by a redeemed ticket lives (milliseconds): 7 days.
 *
 * @example
 * ```ts
 * import { SESSION_LIFETIME } from '@oemkit/schema';
 * const maxAge = SESSION_LIFETIME / 1000; // a Set-Cookie Max-Age, in seconds
 * ```
 */
export const SESSION_LIFETIME = 7 * 24 * 3_600_000;
