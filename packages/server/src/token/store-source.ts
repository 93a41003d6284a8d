/**
 * Where a fleet's m2m token comes from when the client has a `tokenStore`: the store's
 * copy when it is newer than the one being replaced, else one process fetches under the fleet
 * lock while the others wait for its copy. The store never fails a call: when it does not
 * answer, the process fetches its own token, as it would without a store.
 *
 * @module
 */
import { createTokenSeal, type TokenOwner, type TokenSeal } from './token-seal.js';
import type { Log } from '../observability/logger.js';
import type { CachedToken } from './token-cache.js';
import { GuardedTokenStore, StoreUnavailable } from './store-guard.js';
import { FleetLock } from './fleet-lock.js';
import type { TokenStore } from './token-store.js';

/** @internal The defaults, stated once for the docs and the tests. */
export const SHARED_TOKEN_DEFAULTS = {
  /** Milliseconds each store call may take before the process stops waiting for the store. */
  timeout: 500,
  /** The lock's TTL: a holder that crashed mid-fetch blocks the fleet no longer than this. */
  lockTtl: 5_000,
  /** Without `setIfAbsent`: the wait between writing the lock and reading it back. */
  settle: 100,
  /** How often a process waiting for another's fetch looks at the store. */
  pollInterval: 50,
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
  timeout?: number | undefined;
  lockTtl?: number | undefined;
  settle?: number | undefined;
  pollInterval?: number | undefined;
}

interface Prepared {
  seal: TokenSeal;
  tokenKey: string;
  lock: FleetLock;
}

/**
 * @internal The `fetchToken` of a {@link TokenCache} whose token lives in a {@link TokenStore}.
 * The cache keeps its single flight and refresh-ahead; this decides where each new token comes from.
 */
export class SharedTokenSource {
  readonly #owner: TokenOwner;
  readonly #fetchToken: () => Promise<CachedToken>;
  readonly #now: () => number;
  readonly #expiryMargin: number;
  readonly #store: GuardedTokenStore;
  readonly #lockTtl: number;
  readonly #settle: number;
  readonly #pollInterval: number;
  #prepared: Promise<Prepared> | undefined;
  #refused: string | undefined;

  constructor(options: SharedTokenSourceOptions) {
    this.#owner = options.owner;
    this.#fetchToken = options.fetchToken;
    this.#now = options.now;
    this.#expiryMargin = options.expiryMargin;
    this.#lockTtl = options.lockTtl ?? SHARED_TOKEN_DEFAULTS.lockTtl;
    this.#settle = options.settle ?? SHARED_TOKEN_DEFAULTS.settle;
    this.#pollInterval = options.pollInterval ?? SHARED_TOKEN_DEFAULTS.pollInterval;
    this.#store = new GuardedTokenStore({
      store: options.store,
      timeout: options.timeout ?? SHARED_TOKEN_DEFAULTS.timeout,
      log: options.log,
      now: Date.now,
    });
  }

  /**
   * A token to replace `replacing` (the cache's current one, if any): the store's when it is
   * newer, else a fresh one. Rejects only with the vendor's errors.
   */
  async fetch(replacing: CachedToken | undefined): Promise<CachedToken> {
    const shared = await this.#prepare();
    if (shared === undefined) return this.#fetchToken();
    try {
      return await this.#fetchShared(shared, replacing);
    } catch (error) {
      if (error instanceof StoreUnavailable) return this.#fetchToken();
      throw error;
    }
  }

  /**
   * The vendor refused `token` (401): never take it from the store again, and delete the store's
   * entry if it still holds that token. One that another process has already replaced is left
   * alone, so a fleet-wide burst of refusals costs one new token, not one per process.
   */
  async forget(token: string): Promise<void> {
    this.#refused = token;
    const shared = await this.#prepare();
    if (shared === undefined) return;
    try {
      // Compare, then delete: not one atomic step on a plain key-value store. If another process
      // stores a new token in between, it is deleted too and the fleet fetches one more.
      if ((await this.#read(shared))?.value === token) await this.#store.delete(shared.tokenKey);
    } catch (error) {
      if (!(error instanceof StoreUnavailable)) throw error;
    }
  }

  async #fetchShared(shared: Prepared, replacing: CachedToken | undefined): Promise<CachedToken> {
    const owner = crypto.randomUUID();
    // A little past the lock's TTL, so the waiters outlive a crashed holder's lock and one of them takes it over.
    const giveUpAt = performance.now() + this.#lockTtl + this.#settle + 2 * this.#pollInterval;
    for (;;) {
      const stored = await this.#read(shared);
      if (this.#worthTaking(stored, replacing)) return stored;
      if (await shared.lock.claim(owner)) return this.#fetchHoldingLock(shared, owner, replacing);
      // The holder is slow, or the fleet cannot agree on a holder: a token of our own rather than none.
      if (performance.now() >= giveUpAt) return this.#fetchToken();
      await new Promise((resolve) => setTimeout(resolve, this.#pollInterval));
    }
  }

  async #fetchHoldingLock(shared: Prepared, owner: string, replacing: CachedToken | undefined): Promise<CachedToken> {
    try {
      // The previous holder may have stored its token between our read and our claim.
      const stored = await this.#read(shared);
      if (this.#worthTaking(stored, replacing)) return stored;
      const token = await this.#fetchToken();
      await this.#write(shared, token).catch(ignoreUnavailable);
      return token;
    } finally {
      await shared.lock.release(owner).catch(ignoreUnavailable);
    }
  }

  /** Newer than what it would replace, not refused, and usable for longer than the cache's margin. */
  #worthTaking(stored: CachedToken | undefined, replacing: CachedToken | undefined): stored is CachedToken {
    return (
      stored !== undefined &&
      stored.value !== this.#refused &&
      this.#now() < stored.expiresAt - this.#expiryMargin &&
      (replacing === undefined || stored.expiresAt > replacing.expiresAt)
    );
  }

  async #read(shared: Prepared): Promise<CachedToken | undefined> {
    return shared.seal.open(await this.#store.get(shared.tokenKey));
  }

  async #write(shared: Prepared, token: CachedToken): Promise<void> {
    const ttl = Math.floor(token.expiresAt - this.#now());
    if (ttl <= this.#expiryMargin) return;
    await this.#store.set(shared.tokenKey, await shared.seal.seal(token), ttl);
  }

  /** The key and key names, derived once; `undefined` (and one warning) if that cannot be done here. */
  async #prepare(): Promise<Prepared | undefined> {
    this.#prepared ??= createTokenSeal(this.#owner).then((seal) => ({
      seal,
      tokenKey: `${seal.keyPrefix}:token`,
      lock: new FleetLock(this.#store, `${seal.keyPrefix}:lock`, { ttl: this.#lockTtl, settle: this.#settle }),
    }));
    try {
      return await this.#prepared;
    } catch (error) {
      this.#store.report('prepare', error);
      return undefined;
    }
  }
}

function ignoreUnavailable(error: unknown): void {
  if (!(error instanceof StoreUnavailable)) throw error;
}
