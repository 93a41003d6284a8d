/**
 * The `rateLimit` option of the ticket and guest-token handlers: how many tokens one
 * signed-in user may get, counted by rate-limiter-flexible in this process or in a shared store.
 *
 * @module
 */

/**
 * The one method the handlers call on a limiter: rate-limiter-flexible's `consume(key)`, which
 * resolves while the key has points left and rejects with its `RateLimiterRes` (holding
 * `msBeforeNext`) once it has none, or with an `Error` when its store failed. A limiter that
 * resolves `false` is taken for a hand-written one that meant "no" and reported as failing (the
 * request goes through, as with any failing limiter). Every limiter of
 * rate-limiter-flexible has it: `RateLimiterMemory`, `RateLimiterRedis`, `RateLimiterCluster`,
 * `RateLimiterUnion`...
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { RateLimiterRedis } from 'rate-limiter-flexible';
 * import type { RateLimiterLike } from '@oemkit/server';
 * const limiter: RateLimiterLike = new RateLimiterRedis({
 *   storeClient: new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false }),
 *   keyPrefix: 'oemkit-tickets',
 *   points: 30,
 *   duration: 60,
 * });
 * ```
 */
export interface RateLimiterLike {
  consume(key: string, points?: number): Promise<unknown>;
}

/**
 * How many tokens one user may get: `points` per `duration` seconds, counted per key by a
 * `RateLimiterMemory` made inside (one count per process), or by a `limiter` you built for a
 * fleet (`RateLimiterRedis` with ioredis: one count for every process). The key is the signed-in
 * user from `authorize`'s answer (an email compared as one person: case, spaces and Unicode forms
 * folded), unless `key` says otherwise.
 *
 * @example
 * ```ts
 * import { createTicketHandler, type RateLimitOptions, type SetupInput } from '@oemkit/server';
 * const rateLimit: RateLimitOptions<SetupInput> = { points: 10, duration: 60 };
 * export const POST = createTicketHandler({ client: astrato, authorize, rateLimit });
 * ```
 */
export interface RateLimitOptions<Authorized> {
  /**
   * How many tokens one user may get minted in each `duration` (a kept session, answered without
   * a ticket, is not counted). Ignored with `limiter`, which has its own.
   * @default 30, see {@link DEFAULT_RATE_LIMIT} for why
   */
  points?: number | undefined;
  /**
   * The window, in seconds (not milliseconds: a minute is `60`), at most an hour. Ignored with
   * `limiter`.
   * @default 60
   */
  duration?: number | undefined;
  /**
   * A rate-limiter-flexible limiter you built, such as `RateLimiterRedis` sharing one count
   * across every process. Its `points` and `duration` apply.
   * @default a `RateLimiterMemory` of `points` per `duration`, in this process
   */
  limiter?: RateLimiterLike | undefined;
  /**
   * Whom a request counts against, from the request and `authorize`'s answer: a user id, an
   * email, a tenant. `null` or `undefined` leaves that request unlimited (an admin, say). Anything
   * else that is not a non-empty string or a finite number (an object, `''`) answers 500 with a
   * `ValidationError` naming `rateLimit.key`, rather than silently turning the limit off. A key
   * longer than 256 characters is counted by its SHA-256. Never logged.
   * @default the ticket handler's `email`, trimmed, lower-cased and in Unicode NFKC, so that
   *   `Ana@Example.com` and ` ana@example.com` are one person; the guest-token handler's
   *   `params.userIdentifier` as it is (an opaque id, where case may tell users apart)
   */
  key?: ((request: Request, authorized: Authorized) => string | number | null | undefined | Promise<string | number | null | undefined>) | undefined;
}

/**
 * The limit the handlers apply when `rateLimit` is left out: 30 minted tokens per user per minute,
 * in this process. This comment is the one home of the number and of why it is 30; the guides name
 * it and link here.
 *
 * What it counts: a token the handler mints, the only answer that costs the vendor a call. The
 * ticket endpoint's answer to a page whose remembered session is still this user's
 * (`{ sessionKey }`, no ticket) is free and never counted.
 *
 * What a person costs in normal use, with the session model of `@oemkit/browser`: one ticket per
 * browser when they sign in (every tab, dashboard and SPA remount then shares that session, and a
 * return visit sends its key instead), plus one per browser when Astrato loses the session (one
 * recovery per browser, not per tab or dashboard). Someone with three browsers or devices, each
 * signing in and losing its session within the same minute, needs 6. A minute rather than a day:
 * the window is short so a person who hits it waits seconds, not hours.
 *
 * Why 30 and not 6: what still mints per page load keeps the headroom it had, each case well below
 * 30 in normal use. A page built before session keys (during a rollout, or a cached bundle) mints
 * per dashboard mount, as before; a browser whose storage is unavailable mints once per page load;
 * a ticket the browser could not redeem in its 60 seconds is asked again; and the guest-token
 * handler shares this default while DataBrain tokens are still minted per `<dbn-dashboard>` mount.
 * What 30 stops is a script (or a hostile page the cross-site check missed) minting in a loop: it
 * gets 30 tokens a minute for one user instead of spending the vendor's rate limit, which every
 * user of the tenant shares. Lower it with `rateLimit: { points }` once every page has session keys.
 *
 * @example
 * ```ts
 * import { DEFAULT_RATE_LIMIT } from '@oemkit/server';
 * console.log(DEFAULT_RATE_LIMIT); // { points: 30, duration: 60 }
 * ```
 */
export const DEFAULT_RATE_LIMIT = { points: 30, duration: 60 } as const;
