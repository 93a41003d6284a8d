/**
 * The options the ticket and guest-token handlers share: where failures go, how often
 * one user may ask, and which other origins' pages may.
 *
 * @module
 */
import type { Logger } from '../observability/logger.js';
import type { RateLimiterLike, RateLimitOptions } from './rate-limit.js';

/**
 * What `createTicketHandler` and `createGuestTokenHandler` both take besides their client and
 * `authorize`. `Authorized` is what `authorize` returns for a signed-in user.
 */
export interface HandlerOptions<Authorized> {
  /**
   * Sees every failure (`authorize` throwing, the vendor refusing, a user over the limit, a
   * limiter that failed, a page of another site refused), with the request, for your error
   * tracker. oemkit errors are safe to log whole. Without it and without `logger`, each failure is
   * logged once on the console: one line with the answer sent and the error's `code`, `status`,
   * `vendorCode`, `correlationId` and message; of an error that is not oemkit's only its class
   * name, since its message may hold anything. 403 `cross_site_request`, 429 and 503 go to
   * `console.warn`, the rest to `console.error`; a request the client
   * abandoned is not logged. What `onError` throws, or the promise it rejects, is dropped: a
   * broken error tracker never costs the user the answer.
   * @default one console line per failure
   */
  onError?: ((error: unknown, request: Request) => void) | undefined;
  /**
   * Receives the handler's structured events (`oemkit.handler.refused` for every answer but 200,
   * `oemkit.handler.rate_limited`, `oemkit.rate_limit.unavailable`, and the issued event), instead
   * of the console lines; see docs/observability.md. Neither the user nor the rate-limit key is
   * ever logged.
   * @default no events; failures on the console unless `onError` is given
   */
  logger?: Logger | undefined;
  /**
   * How many tokens one signed-in user may get minted: over it the handler answers 429
   * `rate_limited` with `Retry-After` in whole seconds, before any vendor call. The ticket
   * endpoint's answer to a remembered session that is still the user's (`{ sessionKey }`, no ticket)
   * mints nothing and is not counted. `{ points, duration }` counts in
   * this process; pass a `limiter` (`RateLimiterRedis` from rate-limiter-flexible, with ioredis)
   * to count across a fleet, or the limiter itself. `false` turns the limit off. A limiter that
   * fails or takes over a second lets the request through and reports it: a Redis outage costs
   * the limit, not every user's dashboard.
   * @default `DEFAULT_RATE_LIMIT`: 30 minted tokens per user per minute, in this process (its doc says why 30)
   */
  rateLimit?: RateLimitOptions<Authorized> | RateLimiterLike | false | undefined;
  /**
   * Pages of other origins that may ask for tokens, each written as the browser sends it in
   * `Origin`: `['https://portal.example.com']`, no path, no trailing slash. A request from a page
   * of another site (`Sec-Fetch-Site: cross-site`), of a sibling subdomain (`same-site`), or with
   * an `Origin` of another host is answered 403 `cross_site_request` before `authorize` runs and
   * before the limit counts it, unless its `Origin` is listed here: a hostile page can make a
   * signed-in user's browser POST here with their cookie, and would otherwise spend their rate limit
   * and the vendor's. Your own origin needs no entry, nor do requests from servers (no `Origin`,
   * no `Sec-Fetch-Site`). List the page's origin when it differs from the endpoint's, as with a
   * page on `app.example.com` calling `api.example.com`. Such a page's request to the ticket
   * endpoint carries the `Oemkit-Session-Key` header, so the browser asks first (a CORS preflight,
   * `OPTIONS`): your CORS layer must allow that header (`Access-Control-Allow-Headers`) as well as
   * credentials. See docs/security.md.
   * @default none: only the endpoint's own origin
   */
  allowedOrigins?: readonly string[] | undefined;
}
