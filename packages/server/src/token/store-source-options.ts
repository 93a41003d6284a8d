/**
 * The options of the shared token source and their defaults, stated once for the docs and the tests.
 *
 * @module
 */
import type { Log } from '../observability/logger.js';
import type { CachedToken } from './token-cache.js';
import type { TokenOwner } from './token-seal.js';
import type { TokenStore } from './token-store.js';

/** @internal The defaults, stated once for the docs and the tests. */
export const SHARED_TOKEN_DEFAULTS = {
  /** Milliseconds each store call may take before the process stops waiting for the store. */
  timeout: 500,
  /**
   * The lock's lease: its holder renews it every third of this while its fetch runs (retries and
   * `Retry-After` waits included), so a holder that crashed mid-fetch blocks the fleet no longer than this.
   */
  lockTtl: 5_000,
  /** Without `setIfAbsent`: the least wait between writing the lock and reading it back (it grows with the store's round trip). */
  settle: 100,
  /** How often a process waiting for another's fetch looks at the store. */
  pollInterval: 50,
  /** The longest a process waits for another's token, even while the holder keeps renewing its lease. */
  longestWait: 120_000,
} as const;

/** @internal */
export interface SharedTokenSourceOptions {
  store: TokenStore;
  owner: TokenOwner;
  /** The vendor request, made by whichever process holds the lock (or by any, when the store is down). */
  fetchToken: () => Promise<CachedToken>;
  log: Log;
  /** The token clock, as the cache's: expiry is judged on it. */
  now: () => number;
  /** The cache's margin: a stored token closer than this to expiry is not taken. */
  expiryMargin: number;
  /**
   * The latest `token` can expire, judged from the token alone on this process's clock (a JWT's
   * own `exp`, the vendor's longest lifetime from now). A stored expiry was reckoned on the
   * writer's clock: it is never believed past this.
   */
  latestExpiry: (token: string, now: number) => number;
  timeout?: number | undefined;
  lockTtl?: number | undefined;
  settle?: number | undefined;
  pollInterval?: number | undefined;
  longestWait?: number | undefined;
}
