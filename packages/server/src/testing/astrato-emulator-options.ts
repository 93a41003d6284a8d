/**
 * What a test or a demo may set on the Astrato emulator, and what it assumes where Astrato's
 * documents are silent.
 *
 * @module
 */
import type { EmulatedWorkbook } from './astrato-embed-workbook.js';
import type { EmulatedGroup, TicketReuse } from './astrato-state.js';

/**
 * Options for {@link createAstratoEmulator}. Every default is a local, public value: nothing here
 * is a real credential.
 *
 * Assumptions (no Astrato document settles them; docs/testing.md has the full table): tickets are
 * single use (`ticketReuse`); a session lasts 7 days and is not renewed (`sessionLifetime`); the
 * session cookie is `astrato_session`, `HttpOnly`, `SameSite=None; Secure` over https; status and
 * error codes; sign-out accepts any method and answers 204; no rate limits unless injected
 * (`faults`); the m2m token and setup routes send no CORS headers; a redemption without `?embed`,
 * or any top-level navigation to one (the documented custom-login pattern), redirects to `/`.
 */
export interface AstratoEmulatorOptions {
  /** @default 'local-client-id' */
  clientId?: string;
  /** @default 'local-client-secret' */
  clientSecret?: string;
  /** Groups setup may name. @default Viewers (grp-viewers) and Editors (grp-editors) */
  groups?: EmulatedGroup[];
  /** Titles of the embed pages by short id; any other id gets a generic title. @default {} (every id is "Sales overview") */
  dashboards?: Record<string, string>;
  /**
   * Origins allowed to redeem tickets (and sign out) with credentials (CORS). The m2m token and
   * setup routes send no CORS headers to any origin: Astrato's OEM page says they must not be
   * called from the browser, so a host that does fails here (what Astrato's own headers are is
   * not documented: an assumption). @default every origin
   */
  allowedOrigins?: readonly string[];
  /**
   * How long a session lives, in ms: the cookie's `Max-Age` and when the session ends. Astrato's
   * OEM page says 7 days; an onboarding page says "about an hour, auto-renewed". Tenants may
   * differ: an assumption, with this switch (the emulator does not renew). @default 604800000 (7 days)
   */
  sessionLifetime?: number;
  /**
   * Whether a ticket can be redeemed again within its 60 seconds. No document says; `'single-use'`
   * follows WIRE.md and every official sample (each redeems once): an assumption, with this
   * switch. @default 'single-use'
   */
  ticketReuse?: TicketReuse;
  /** The embed page checks its session this often, in ms, like Astrato's own API calls. @default 2000 */
  heartbeat?: number;
  /**
   * The workbook's sheets and the messages its embed page exchanges with the host: a bar clicked,
   * the active sheet, a go-to-sheet type to listen for. @default every message off, one sheet "Overview"
   */
  workbook?: EmulatedWorkbook;
  /**
   * Milliseconds added before every response, on every route (the embed page and redemption
   * included, and faults): a network's round trip, for benchmarks and loading states.
   * @default 0
   */
  latency?: number;
  /** The clock. @default Date.now */
  now?: () => number;
  /**
   * Milliseconds the tenant's clock is off `now` (positive: ahead): token and ticket lifetimes and
   * the `Date` header follow it, as on a vendor server with a wrong clock. @default 0
   */
  clockSkewMs?: number;
  /**
   * The session cookie's attributes: `{ sameSite: 'Lax' }`, `{ sameSite: 'None', secure: true }`
   * (what a host on another site needs while the browser allows third-party cookies), or
   * `{ sameSite: 'None', secure: true, partitioned: true }` (kept in the host's partition when
   * it restricts them). A browser keeps a `Secure` cookie only from https: serve the emulator with
   * `listen({ https: true })`. @default `SameSite=None; Secure` over https, `SameSite=Lax` over http, never `Partitioned`
   */
  sessionCookie?: { sameSite?: 'None' | 'Lax' | 'Strict'; secure?: boolean; partitioned?: boolean };
  /**
   * Framing headers on the embed page, e.g. `{ frameAncestors: "'self'" }` or `{ xFrameOptions: 'DENY' }`,
   * which stop a host on another origin from framing it. @default none (any page may frame it)
   */
  framing?: { frameAncestors?: string; xFrameOptions?: string };
}
