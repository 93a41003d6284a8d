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
   * How many tokens one user may get in each `duration`. Ignored with `limiter`, which has its own.
   * @default 30
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
 * The limit the handlers apply when `rateLimit` is left out: 30 tokens per user per minute, in
 * this process. A page load needs one token and a session recovery another, so a person in
 * several tabs stays far below it, while a script minting in a loop is stopped after 30 instead
 * of spending the vendor's rate limit, which every user of the tenant shares.
 *
 * @example
 * ```ts
 * import { DEFAULT_RATE_LIMIT } from '@oemkit/server';
 * console.log(DEFAULT_RATE_LIMIT); // { points: 30, duration: 60 }
 * ```
 */
export const DEFAULT_RATE_LIMIT = { points: 30, duration: 60 } as const;
