/**
 * The fleet's refresh lock: at most one process fetches the shared m2m token at a time.
 *
 * @module
 */
import type { GuardedTokenStore } from './store-guard.js';

/** Claims in a row whose lock was gone on reading back, before the store is taken for one that drops writes. */
const VANISHED_LIMIT = 2;

/** @internal */
export interface FleetLockOptions {
  /** How long a lock lasts if its holder never releases it (it crashed mid-fetch), in ms. */
  ttl: number;
  /**
   * Without `setIfAbsent`: how long to wait between writing the lock and reading it back, in ms.
   * It must be longer than any contender's time between finding the lock free and writing it;
   * each contender measures its own and stands down when it took longer.
   */
  settle: number;
}

/**
 * @internal A lock entry holding its owner's random id, with a TTL.
 *
 * With the store's atomic `setIfAbsent`, taking it is one call. Without one (Keyv has none),
 * it is Fischer's timed mutual exclusion: read the lock; if free, write your id; wait `settle`;
 * read it back and hold it only if it is still yours. Two contenders can only both win if one of
 * them wrote more than `settle` after it read the lock free, so each contender times its own read
 * and write and, when they took `settle` or longer, withdraws its id instead of waiting. Last
 * writer wins, nobody is fooled into holding a lock another holds, and at worst (a stalled
 * contender withdraws, the other read back its id) nobody holds it this round and the callers
 * look again at their next poll.
 */
export class FleetLock {
  readonly #store: GuardedTokenStore;
  readonly #key: string;
  readonly #ttl: number;
  readonly #settle: number;
  #vanished = 0;

  constructor(store: GuardedTokenStore, key: string, options: FleetLockOptions) {
    this.#store = store;
    this.#key = key;
    this.#ttl = options.ttl;
    this.#settle = options.settle;
  }

  /**
   * Tries once to take the lock for `owner`: `true` when it is now `owner`'s.
   *
   * @throws `StoreUnavailable` when the store fails, or twice running takes the write and then has nothing.
   */
  async claim(owner: string): Promise<boolean> {
    // A write answered after the store's timeout may still have taken the lock, for a caller that
    // gave up on it: left alone it would keep the fleet waiting for its TTL. It is released.
    const releaseLate = () => void this.release(owner).catch(() => {});
    if (this.#store.hasSetIfAbsent) return this.#store.setIfAbsent(this.#key, owner, this.#ttl, releaseLate);
    const started = performance.now();
    if ((await this.#store.get(this.#key)) !== undefined) return false;
    await this.#store.set(this.#key, owner, this.#ttl, releaseLate);
    if (performance.now() - started >= this.#settle) {
      await this.release(owner);
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, this.#settle));
    const holder = await this.#store.get(this.#key);
    if (holder !== undefined) {
      this.#vanished = 0;
      return holder === owner;
    }
    // The lock cannot have expired yet. A contender that stood down deletes its id, which can be
    // the last write: then nobody holds it, and the caller tries again. A write gone twice running
    // is a store that did not keep it.
    if (++this.#vanished >= VANISHED_LIMIT) {
      this.#vanished = 0;
      throw this.#store.unkept('lock');
    }
    return false;
  }

  /**
   * Releases the lock if `owner` still holds it. Between the read and the delete another process
   * can take an expired lock, and lose it here: the cost is one extra token request, not a failure.
   */
  async release(owner: string): Promise<void> {
    if ((await this.#store.get(this.#key)) === owner) await this.#store.delete(this.#key);
  }
}
