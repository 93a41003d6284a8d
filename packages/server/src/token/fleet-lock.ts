/**
 * The fleet's refresh lock: at most one process fetches the shared m2m token at a time.
 *
 * @module
 */
import type { GuardedTokenStore } from './store-guard.js';

/**
 * Claims in a row whose lock was gone on reading back, with no holder seen in between, before the
 * store is taken for one that drops writes. Contenders standing down delete their ids and can
 * leave the lock empty a round or two; a store that keeps nothing never shows anyone holding it.
 */
const VANISHED_LIMIT = 4;
/**
 * Without `setIfAbsent`, the settle is at least this many of the store's slowest recent round
 * trips. A contender's gap between finding the lock free and its write landing is at most its read
 * and write, two round trips, which it measures and stands down past the settle: four leaves two
 * round trips of room for the store's jitter and a busy event loop before anyone stands down.
 */
const SETTLE_ROUND_TRIPS = 4;
/** A holder renews its lease this many times per TTL, so one late or failed renewal does not lose it. */
const RENEWALS_PER_TTL = 3;

/** @internal What one {@link FleetLock.claim} found: the lock is now ours, someone else's, or nobody's. */
export type ClaimResult = 'ours' | 'held' | 'free';

/** @internal */
export interface FleetLockOptions {
  /** The lease: how long the lock lasts unless its holder renews it (a holder that crashed stops renewing), in ms. */
  ttl: number;
  /**
   * Without `setIfAbsent`: the least wait between writing the lock and reading it back, in ms.
   * It grows to {@link SETTLE_ROUND_TRIPS} of the store's slowest recent round trip, since it must
   * be longer than any contender's time between finding the lock free and writing it; each
   * contender measures its own and stands down when it took longer.
   */
  settle: number;
}

/**
 * @internal A lock entry holding its owner's random id, with a TTL its holder renews while it works.
 *
 * With the store's atomic `setIfAbsent`, taking it is one call. Without one (Keyv has none),
 * it is Fischer's timed mutual exclusion: read the lock; if free, write your id; wait `settle`;
 * read it back and hold it only if it is still yours. Two contenders can only both win if one of
 * them wrote more than `settle` after it read the lock free, so each contender times its own read
 * and write and, when they took `settle` or longer, withdraws its id instead of waiting. Last
 * writer wins, nobody is fooled into holding a lock another holds, and at worst (a stalled
 * contender withdraws, the other read back its id) nobody holds it this round and the callers
 * look again at their next poll. The settle follows the store's measured round trip, so a store
 * in another region slows the one holder down instead of locking everyone out.
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

  /** The settle the next claim waits without `setIfAbsent`, in ms: the floor, or four slow round trips. */
  settle(): number {
    return Math.max(this.#settle, Math.ceil(SETTLE_ROUND_TRIPS * this.#store.slowestRoundTrip()));
  }

  /**
   * Tries once to take the lock for `owner`.
   *
   * @throws `StoreUnavailable` when the store fails, or twice running takes the write and then has nothing.
   */
  async claim(owner: string): Promise<ClaimResult> {
    // A write answered after the store's timeout may still have taken the lock, for a caller that
    // gave up on it: left alone it would keep the fleet waiting for its TTL. It is released.
    const releaseLate = () => void this.release(owner).catch(() => {});
    if (this.#store.hasSetIfAbsent()) return (await this.#store.setIfAbsent(this.#key, owner, this.#ttl, releaseLate)) ? 'ours' : 'held';
    const settle = this.settle();
    const started = performance.now();
    if ((await this.#store.get(this.#key)) !== undefined) {
      this.#vanished = 0;
      return 'held';
    }
    await this.#store.set(this.#key, owner, this.#ttl, releaseLate);
    if (performance.now() - started >= settle) {
      await this.release(owner);
      return 'free';
    }
    await new Promise((resolve) => setTimeout(resolve, settle));
    const holder = await this.#store.get(this.#key);
    if (holder !== undefined) {
      this.#vanished = 0;
      return holder === owner ? 'ours' : 'held';
    }
    // The lock cannot have expired yet. A contender that stood down deletes its id, which can be
    // the last write: then nobody holds it, and the caller tries again. A write gone twice running
    // is a store that did not keep it.
    if (++this.#vanished >= VANISHED_LIMIT) {
      this.#vanished = 0;
      throw this.#store.unkept('lock');
    }
    return 'free';
  }

  /**
   * Runs `work` while holding the lock for `owner`, renewing the lease every third of its TTL so
   * that it lasts exactly as long as the work (a fetch with its retries and `Retry-After` waits),
   * and releases it after. A renewal the store misses is skipped: the next one tries again, and a
   * lease lost meanwhile costs at most one more token request.
   */
  async hold<T>(owner: string, work: () => Promise<T>): Promise<T> {
    let renewal: Promise<void> = Promise.resolve();
    const renewing = setInterval(() => {
      renewal = this.#renew(owner).catch(() => {});
    }, Math.max(1, Math.floor(this.#ttl / RENEWALS_PER_TTL)));
    // A lease must not keep a process alive that has nothing else to do.
    renewing.unref?.();
    try {
      return await work();
    } finally {
      clearInterval(renewing);
      // A renewal still under way would write the lock back after the release.
      await renewal;
      // A release the store misses is already reported by the guard, and the lease runs out by itself.
      await this.release(owner).catch(() => {});
    }
  }

  /**
   * Releases the lock if `owner` still holds it. Between the read and the delete another process
   * can take an expired lock, and lose it here: the cost is one extra token request, not a failure.
   */
  async release(owner: string): Promise<void> {
    if ((await this.#store.get(this.#key)) === owner) await this.#store.delete(this.#key);
  }

  /** Extends the lease if `owner` still holds it (read, then write: a plain store has no compare-and-set). */
  async #renew(owner: string): Promise<void> {
    if ((await this.#store.get(this.#key)) === owner) await this.#store.set(this.#key, owner, this.#ttl);
  }
}
