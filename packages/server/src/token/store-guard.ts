/**
 * A {@link TokenStore} seen through a deadline: every call answers within a short time or
 * counts as a failure, and failures are told to the logger once per outage, not once per call.
 *
 * @module
 */
import { TIMED_OUT, withinDeadline } from '../runtime/deadline.js';
import { plainIdentifier } from '../redaction/plain-identifier.js';
import { readGuarded } from '../runtime/read-guarded.js';
import type { Log } from '../observability/logger.js';
import { STORE_WARNING_INTERVAL } from '../observability/log-events.js';
import type { TokenStore } from './token-store.js';


/** @internal Why a store call did not count: it threw or rejected, it did not answer in time, or it lost what it was given. */
export type StoreFailureReason = 'error' | 'timeout' | 'unkept-write';

/**
 * @internal Thrown by {@link GuardedTokenStore} in place of whatever the store did; the shared
 * token source catches it and falls back to the process's own token. It never reaches a caller.
 */
export class StoreUnavailable extends Error {
  constructor(readonly operation: string, readonly reason: StoreFailureReason) {
    super(`token store ${operation}: ${reason}`);
    this.name = 'StoreUnavailable';
  }
}

/** How many recent answered calls {@link GuardedTokenStore.slowestRoundTrip} looks back over. */
const ROUND_TRIP_WINDOW = 8;

/** @internal */
export interface GuardedTokenStoreOptions {
  store: TokenStore;
  /** Milliseconds each call may take. */
  timeout: number;
  log: Log;
  /** For the outage's duration in the recovery event. */
  now: () => number;
}

/**
 * @internal The store's calls, each bounded by the timeout, each failure turned into a
 * {@link StoreUnavailable}. Logs `oemkit.token_store.unavailable` (warn) on the first failure of an
 * outage and every `STORE_WARNING_INTERVAL` (five minutes) while it lasts, and
 * `oemkit.token_store.recovered` (info) on the first success after it. What the store threw is not
 * logged beyond its name and code: a driver's message can hold its connection string, password
 * included.
 */
export class GuardedTokenStore {
  readonly #store: TokenStore;
  readonly #timeout: number;
  readonly #log: Log;
  readonly #now: () => number;
  #downSince: number | undefined;
  #warnedAt = 0;
  #failures = 0;
  readonly #roundTrips: number[] = [];

  constructor(options: GuardedTokenStoreOptions) {
    this.#store = options.store;
    this.#timeout = options.timeout;
    this.#log = options.log;
    this.#now = options.now;
  }

  /**
   * Whether the store has `setIfAbsent`, read now (a store may change after construction), inside
   * the guard: a getter or a Proxy that throws here is a failing store, not a failed ticket.
   *
   * @throws `StoreUnavailable` when reading the property throws.
   */
  hasSetIfAbsent(): boolean {
    try {
      return typeof this.#store.setIfAbsent === 'function';
    } catch (error) {
      throw this.#failed('setIfAbsent', 'error', error);
    }
  }

  /**
   * The slowest of the last few answered calls, in ms (0 before the first): what one round trip
   * to the store costs now, for a lock whose safety rests on outlasting one.
   */
  slowestRoundTrip(): number {
    return this.#roundTrips.length === 0 ? 0 : Math.max(...this.#roundTrips);
  }

  /**
   * The string under `key`, or `undefined`. Anything else is no entry, as {@link TokenStore} says:
   * a store answering `false` or `0` for a missing key must not look like a lock someone holds.
   */
  async get(key: string): Promise<string | undefined> {
    const value = await this.#call('get', () => this.#store.get(key));
    return typeof value === 'string' ? value : undefined;
  }

  /**
   * Stores `value`. A store that resolves `false` did not keep it (Keyv answers so when its backend
   * failed, having swallowed the error): that is a failure too.
   *
   * @param late - Called if the write is answered only after the timeout, by when the caller has moved on.
   */
  async set(key: string, value: string, ttl: number, late?: () => void): Promise<void> {
    const kept = await this.#call('set', () => this.#store.set(key, value, ttl), late && ((answer) => answer !== false && late()));
    if (kept === false) throw this.unkept('set');
  }

  async delete(key: string): Promise<void> {
    await this.#call('delete', () => this.#store.delete(key));
  }

  /** @param late - Called with `true` if the store took the value only after the timeout. */
  async setIfAbsent(key: string, value: string, ttl: number, late?: () => void): Promise<boolean> {
    return (await this.#call('setIfAbsent', () => this.#store.setIfAbsent!(key, value, ttl), late && ((answer) => answer === true && late()))) === true;
  }

  /**
   * Records a store that took a write and then did not have it (a Keyv over a disconnected
   * Redis client swallows the error and answers as if it had stored), and returns the error to throw.
   */
  unkept(operation: string): StoreUnavailable {
    return this.#failed(operation, 'unkept-write', undefined);
  }

  /** Records a failure on the way to the store (the key could not be derived), and returns the error to throw. */
  report(operation: string, error: unknown): StoreUnavailable {
    return this.#failed(operation, 'error', error);
  }

  /** @param late - Given the store's answer when it arrives after the deadline, which the caller no longer awaits. */
  async #call<T>(operation: string, run: () => Promise<T>, late?: (answer: T) => void): Promise<T> {
    // Called inside a promise, so a store that throws instead of rejecting is caught too.
    const started = performance.now();
    const answer = new Promise<T>((resolve) => resolve(run()));
    try {
      // With the late turn: a busy process must not be taken for a dead store.
      const result = await withinDeadline(answer, this.#timeout, true);
      if (result !== TIMED_OUT) {
        this.#roundTrips.push(performance.now() - started);
        if (this.#roundTrips.length > ROUND_TRIP_WINDOW) this.#roundTrips.shift();
        this.#succeeded();
        return result;
      }
    } catch (error) {
      // Whatever the store threw is never read here, since reading it (`instanceof`, a field) can
      // throw too, and that would fail the call the store must not.
      throw this.#failed(operation, 'error', error);
    }
    // A late answer goes to `late`, if given; the deadline has already handled its rejection.
    if (late) answer.then(late, () => {}).catch(() => {});
    throw this.#failed(operation, 'timeout', undefined);
  }

  #succeeded(): void {
    if (this.#downSince === undefined) return;
    this.#log('info', 'oemkit.token_store.recovered', { downMs: this.#now() - this.#downSince, failures: this.#failures });
    this.#downSince = undefined;
    this.#failures = 0;
  }

  #failed(operation: string, reason: StoreFailureReason, error: unknown): StoreUnavailable {
    const now = this.#now();
    this.#failures++;
    const firstOfOutage = this.#downSince === undefined;
    if (firstOfOutage || now - this.#warnedAt >= STORE_WARNING_INTERVAL) {
      this.#downSince ??= now;
      this.#warnedAt = now;
      this.#log('warn', 'oemkit.token_store.unavailable', {
        operation,
        reason,
        ...describeError(error),
        failures: this.#failures,
        fallback: 'per-process token',
      });
    }
    return new StoreUnavailable(operation, reason);
  }
}

/**
 * The store error's name and code, each only as a plain identifier (`TypeError`, `ECONNREFUSED`):
 * the logger passes `errorCode` through unredacted as oemkit's own word, and a driver's code or
 * name is outside text that could hold a connection string or a line that forges a log entry.
 */
function describeError(error: unknown): { errorName?: string; errorCode?: string } {
  if (typeof error !== 'object' || error === null) return {};
  // An error that throws when read (a Proxy): the warning goes out without its name or code.
  const name = readGuarded(error, 'name');
  const code = name.ok ? readGuarded(error, 'code') : name;
  if (!name.ok || !code.ok) return {};
  const errorName = plainIdentifier(name.value);
  const errorCode = plainIdentifier(code.value);
  return {
    ...(errorName === undefined ? {} : { errorName }),
    ...(errorCode === undefined ? {} : { errorCode }),
  };
}
