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
import { SHARED_TOKEN_DEFAULTS, type SharedTokenSourceOptions } from './store-source-options.js';

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
  readonly #longestWait: number;
  readonly #latestExpiry: (token: string, now: number) => number;
  readonly #log: Log;
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
    this.#longestWait = options.longestWait ?? SHARED_TOKEN_DEFAULTS.longestWait;
    this.#latestExpiry = options.latestExpiry;
    this.#log = options.log;
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
    const startedAt = performance.now();
    let heldAt = startedAt;
    for (;;) {
      const stored = await this.#read(shared);
      if (this.#worthTaking(stored, replacing)) return stored;
      const claim = await shared.lock.claim(owner);
      if (claim === 'ours') return this.#fetchHoldingLock(shared, owner, replacing);
      const now = performance.now();
      // A live holder renews its lease for as long as its fetch takes: wait for its token. A
      // crashed one's lease runs out within a TTL, and then the lock is free to take over.
      if (claim === 'held') heldAt = now;
      // Free for longer than a lease and still not ours (contenders standing each other down), or
      // a holder that never ends: a token of our own rather than none.
      const freeFor = now - heldAt;
      if (freeFor >= this.#lockTtl + shared.lock.settle() + 2 * this.#pollInterval || now - startedAt >= this.#longestWait) {
        return this.#fetchAfterWaiting(shared, replacing, Math.round(now - startedAt));
      }
      await new Promise((resolve) => setTimeout(resolve, this.#pollInterval));
    }
  }

  async #fetchHoldingLock(shared: Prepared, owner: string, replacing: CachedToken | undefined): Promise<CachedToken> {
    return shared.lock.hold(owner, async () => {
      // The previous holder may have stored its token between our read and our claim.
      const stored = await this.#read(shared);
      if (this.#worthTaking(stored, replacing)) return stored;
      const token = await this.#fetchToken();
      await this.#write(shared, token).catch(ignoreUnavailable);
      return token;
    });
  }

  /**
   * The fleet did not deliver in time: fetch, then store the token unless the store meanwhile got
   * a later one, so the processes still waiting (and the next to come) take it instead of fetching too.
   */
  async #fetchAfterWaiting(shared: Prepared, replacing: CachedToken | undefined, waitedMs: number): Promise<CachedToken> {
    this.#log('warn', 'oemkit.token_store.lock_wait_exceeded', { waitedMs, fallback: 'own token, stored for the fleet' });
    const token = await this.#fetchToken();
    try {
      const stored = await this.#read(shared);
      if (!(this.#worthTaking(stored, replacing) && stored.expiresAt >= token.expiresAt)) await this.#write(shared, token);
    } catch (error) {
      ignoreUnavailable(error);
    }
    return token;
  }

  /**
   * Another token than the one it would replace and newer, not refused, and usable for longer than
   * the cache's margin. The same token is never taken back with a later expiry: each read may
   * bound it differently, and a token must not live longer by being read again.
   */
  #worthTaking(stored: CachedToken | undefined, replacing: CachedToken | undefined): stored is CachedToken {
    return (
      stored !== undefined &&
      stored.value !== this.#refused &&
      this.#now() < stored.expiresAt - this.#expiryMargin &&
      (replacing === undefined || (stored.value !== replacing.value && stored.expiresAt > replacing.expiresAt))
    );
  }

  /** The stored token, its expiry bounded on this process's clock: a writer whose clock runs fast cannot stretch it. */
  async #read(shared: Prepared): Promise<CachedToken | undefined> {
    const stored = await shared.seal.open(await this.#store.get(shared.tokenKey));
    if (stored === undefined) return undefined;
    return { value: stored.value, expiresAt: Math.min(stored.expiresAt, this.#latestExpiry(stored.value, this.#now())) };
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
