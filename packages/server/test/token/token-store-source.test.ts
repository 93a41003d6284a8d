import Keyv from 'keyv';
import { describe, expect, it, vi } from 'vitest';
import type { TokenStore } from '../../src/index.js';
import type { CachedToken } from '../../src/token/token-cache.js';
import type { Log } from '../../src/observability/logger.js';
import { SharedTokenSource } from '../../src/token/store-source.js';
import type { SharedTokenSourceOptions } from '../../src/token/store-source-options.js';
import { latestStoredExpiry } from '../../src/astrato/token-expiry.js';
import { jwtExpiringAt } from '../support/tokens.js';

const owner = { baseUrl: 'https://tenant.astrato.test', clientId: 'client-id', clientSecret: 'client-secret-xyz' };

/** The vendor: numbered tokens valid for ten minutes, and how many were asked for. */
function vendor() {
  const issued: string[] = [];
  return {
    issued,
    fetchToken: async (): Promise<CachedToken> => {
      issued.push(`token-${issued.length + 1}`);
      return { value: issued.at(-1)!, expiresAt: Date.now() + 600_000 };
    },
  };
}

/** One process's source, with short lock timings so that a test waits milliseconds, not seconds. */
function processOf(store: TokenStore, fetchToken: () => Promise<CachedToken>, overrides: Partial<SharedTokenSourceOptions> = {}) {
  const log = vi.fn<Log>();
  const source = new SharedTokenSource({
    store,
    owner,
    fetchToken,
    log,
    now: Date.now,
    expiryMargin: 10_000,
    timeout: 200,
    lockTtl: 400,
    settle: 20,
    pollInterval: 10,
    // Opaque tokens: the vendor's ten minutes from now, on this process's clock.
    latestExpiry: (_token, now) => now + 600_000,
    ...overrides,
  });
  return { source, log };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** A Keyv in memory that can be taken down, failing as a driver does, with credentials in its message. */
function breakableStore() {
  const keyv = new Keyv();
  const state = { down: false };
  const guard = <T>(run: () => Promise<T>) => (state.down ? Promise.reject(Object.assign(new Error('connect ECONNREFUSED redis://:hunter2@cache:6379'), { code: 'ECONNREFUSED' })) : run());
  const store: TokenStore = {
    get: (key) => guard(() => keyv.get(key)),
    set: (key, value, ttl) => guard(() => keyv.set(key, value, ttl)),
    delete: (key) => guard(() => keyv.delete(key)),
  };
  return { store, keyv, state };
}

const storedKeys = (keyv: Keyv) => [...(keyv.store as Map<string, unknown>).keys()];

describe('SharedTokenSource', () => {
  it('lets one of several processes refreshing at once fetch, by write, wait and read back, and the others take its token', async () => {
    const { issued, fetchToken } = vendor();
    const store = new Keyv();
    const processes = Array.from({ length: 6 }, () => processOf(store, fetchToken));
    const tokens = await Promise.all(processes.map(({ source }) => source.fetch(undefined)));
    expect(issued).toEqual(['token-1']);
    expect(new Set(tokens.map((token) => token.value))).toEqual(new Set(['token-1']));
    expect(storedKeys(store).some((key) => key.endsWith(':lock'))).toBe(false);
  });

  it('takes the lock with the store’s atomic setIfAbsent when it has one', async () => {
    const { issued, fetchToken } = vendor();
    const keyv = new Keyv();
    const setIfAbsent = vi.fn(async (key: string, value: string, ttl: number) => {
      if ((await keyv.get(key)) !== undefined) return false;
      await keyv.set(key, value, ttl);
      return true;
    });
    const store: TokenStore = { get: (key) => keyv.get(key), set: (key, value, ttl) => keyv.set(key, value, ttl), delete: (key) => keyv.delete(key), setIfAbsent };
    const processes = Array.from({ length: 6 }, () => processOf(store, fetchToken));
    await Promise.all(processes.map(({ source }) => source.fetch(undefined)));
    expect(issued).toEqual(['token-1']);
    expect(setIfAbsent).toHaveBeenCalled();
  });

  it('has a process that finds the lock taken wait for the holder’s token rather than fetch', async () => {
    const store = new Keyv();
    const holderFetch = deferred<CachedToken>();
    const holder = processOf(store, () => holderFetch.promise);
    const waiterVendor = vendor();
    const waiter = processOf(store, waiterVendor.fetchToken);
    const held = holder.source.fetch(undefined);
    // The holder owns the lock once it is waiting on the vendor; the waiter then finds it taken.
    await vi.waitFor(() => expect(storedKeys(store).some((key) => key.endsWith(':lock'))).toBe(true));
    const waited = waiter.source.fetch(undefined);
    holderFetch.resolve({ value: 'holder-token', expiresAt: Date.now() + 600_000 });
    expect((await held).value).toBe('holder-token');
    expect((await waited).value).toBe('holder-token');
    expect(waiterVendor.issued).toEqual([]);
  });

  it('has a waiter wait for a holder whose fetch outlasts the lock’s TTL, since the holder renews its lease while it works', async () => {
    const keyv = new Keyv();
    const lockWrites = vi.fn();
    // The holder's view of the store, counting its writes of the lock: the first claim, then each renewal.
    const holderStore: TokenStore = {
      get: (key) => keyv.get(key),
      set: (key, value, ttl) => (key.endsWith(':lock') && lockWrites(), keyv.set(key, value, ttl)),
      delete: (key) => keyv.delete(key),
    };
    const holderFetch = deferred<CachedToken>();
    const holder = processOf(holderStore, () => holderFetch.promise);
    const waiterVendor = vendor();
    const waiter = processOf(keyv, waiterVendor.fetchToken);
    const held = holder.source.fetch(undefined);
    await vi.waitFor(() => expect(storedKeys(keyv).some((key) => key.endsWith(':lock'))).toBe(true));
    const waited = waiter.source.fetch(undefined);
    // Three renewals: the fetch has lasted longer than the 400 ms TTL, and the waiter is still waiting.
    await vi.waitFor(() => expect(lockWrites.mock.calls.length).toBeGreaterThanOrEqual(4), { timeout: 3_000 });
    expect(waiterVendor.issued).toEqual([]);
    holderFetch.resolve({ value: 'holder-token', expiresAt: Date.now() + 600_000 });
    expect((await held).value).toBe('holder-token');
    expect((await waited).value).toBe('holder-token');
    expect(waiterVendor.issued).toEqual([]);
    expect(storedKeys(keyv).some((key) => key.endsWith(':lock'))).toBe(false);
  });

  it('has a waiter take the lock over once a holder that stopped renewing (it crashed) lets its lease run out', async () => {
    const keyv = new Keyv();
    const crashed = { now: false };
    // The holder's store calls stop once it crashed: no renewal, no release.
    const holderStore: TokenStore = {
      get: (key) => (crashed.now ? new Promise(() => {}) : keyv.get(key)),
      set: (key, value, ttl) => (crashed.now ? new Promise(() => {}) : keyv.set(key, value, ttl)),
      delete: (key) => (crashed.now ? new Promise(() => {}) : keyv.delete(key)),
    };
    const stuck = processOf(holderStore, () => ((crashed.now = true), new Promise<CachedToken>(() => {})));
    const waiterVendor = vendor();
    const waiter = processOf(keyv, waiterVendor.fetchToken);
    void stuck.source.fetch(undefined);
    await vi.waitFor(() => expect(crashed.now).toBe(true));
    const token = await waiter.source.fetch(undefined);
    expect(token.value).toBe('token-1');
    // It held the lock, so the fleet gets its token from the store.
    expect(await processOf(keyv, vendor().fetchToken).source.fetch(undefined)).toEqual(token);
    expect(waiter.log).not.toHaveBeenCalled();
  });

  it('has a waiter whose holder never delivers fetch its own token after the longest wait, warn, and store it for the fleet', async () => {
    const store = new Keyv();
    const stuck = processOf(store, () => new Promise<CachedToken>(() => {}));
    const waiterVendor = vendor();
    const waiter = processOf(store, waiterVendor.fetchToken, { longestWait: 300 });
    void stuck.source.fetch(undefined);
    await vi.waitFor(() => expect(storedKeys(store).some((key) => key.endsWith(':lock'))).toBe(true));
    const token = await waiter.source.fetch(undefined);
    expect(token.value).toBe('token-1');
    expect(waiter.log).toHaveBeenCalledExactlyOnceWith('warn', 'oemkit.token_store.lock_wait_exceeded', expect.objectContaining({ waitedMs: expect.any(Number) }));
    // The next process takes the stored fallback, though the stuck holder still holds the lock.
    const next = processOf(store, vendor().fetchToken);
    expect(await next.source.fetch(undefined)).toEqual(token);
  });

  it('stands down when its own read and write of the lock took longer than the settle time, then takes the lock with a settle fitted to the slower store', async () => {
    const { issued, fetchToken } = vendor();
    const keyv = new Keyv();
    const lockCalls: string[] = [];
    let stalled = false;
    // The first lock write stalls longer than the 20 ms settle: the process cannot be sure no one else wrote.
    const store: TokenStore = {
      get: (key) => (key.endsWith(':lock') && lockCalls.push('get'), keyv.get(key)),
      set: async (key, value, ttl) => {
        if (key.endsWith(':lock')) lockCalls.push('set');
        if (key.endsWith(':lock') && !stalled) {
          stalled = true;
          await new Promise((resolve) => setTimeout(resolve, 40));
        }
        return keyv.set(key, value, ttl);
      },
      delete: (key) => (key.endsWith(':lock') && lockCalls.push('delete'), keyv.delete(key)),
    };
    const { source, log } = processOf(store, fetchToken);
    expect((await source.fetch(undefined)).value).toBe('token-1');
    // Read free, write, too slow: withdraw (read back, delete). Then a second claim that holds.
    expect(lockCalls.slice(0, 4)).toEqual(['get', 'set', 'get', 'delete']);
    expect(lockCalls.filter((call) => call === 'set')).toHaveLength(2);
    expect(storedKeys(keyv).map((key) => key.split(':').at(-1))).toEqual(['token']);
    expect(issued).toEqual(['token-1']);
    expect(log).not.toHaveBeenCalled();
  });

  it('takes a stored token only when it is newer than the one it replaces, not refused, and outside the expiry margin', async () => {
    const { issued, fetchToken } = vendor();
    const store = new Keyv();
    const first = processOf(store, fetchToken).source;
    const second = processOf(store, fetchToken).source;
    const shared = await first.fetch(undefined);
    expect(await second.fetch(undefined)).toEqual(shared);
    // Replacing the very token the store holds: not newer, so a new one is fetched and stored.
    const renewed = await second.fetch(shared);
    expect(renewed.value).toBe('token-2');
    expect(await first.fetch(shared)).toEqual(renewed);
    // A refused token is never taken again, even by a process that holds nothing.
    await first.forget(renewed.value);
    expect((await first.fetch(undefined)).value).toBe('token-3');
    expect(issued).toHaveLength(3);
  });

  it('never believes a stored expiry past the token’s own exp: a writer whose clock runs 30 minutes fast does not stretch it', async () => {
    const store = new Keyv();
    const exp = Date.now() + 600_000;
    const token = await jwtExpiringAt(exp);
    // The writer reckoned its expiry on a clock 30 minutes ahead, and took the JWT's exp for past.
    const writer = processOf(store, async () => ({ value: token, expiresAt: Date.now() + 40 * 60_000 }), { now: () => Date.now() + 30 * 60_000 });
    await writer.source.fetch(undefined);
    const reader = processOf(store, vendor().fetchToken, { latestExpiry: latestStoredExpiry });
    const read = await reader.source.fetch(undefined);
    expect(read.value).toBe(token);
    expect(read.expiresAt).toBeLessThanOrEqual(exp);
  });

  it('never believes a stored token lives longer from now than its own lifetime (exp − iat), on a reader whose clock runs slow', async () => {
    const store = new Keyv();
    const token = await jwtExpiringAt(Date.now() + 5 * 60_000);
    const writer = processOf(store, async () => ({ value: token, expiresAt: Date.now() + 5 * 60_000 }));
    await writer.source.fetch(undefined);
    const slowNow = () => Date.now() - 30 * 60_000;
    const reader = processOf(store, vendor().fetchToken, { now: slowNow, latestExpiry: latestStoredExpiry });
    const read = await reader.source.fetch(undefined);
    expect(read.value).toBe(token);
    expect(read.expiresAt).toBeLessThanOrEqual(slowNow() + 5 * 60_000);
  });

  it('does not take back the token it is replacing with a later expiry: reading it again never stretches it', async () => {
    const { issued, fetchToken } = vendor();
    const store = new Keyv();
    const first = processOf(store, fetchToken).source;
    const shared = await first.fetch(undefined);
    // A reader that bounded the same token tighter at first sight, and reads it again.
    const renewed = await processOf(store, fetchToken).source.fetch({ value: shared.value, expiresAt: shared.expiresAt - 60_000 });
    expect(renewed.value).toBe('token-2');
    expect(issued).toHaveLength(2);
  });

  it('falls back to its own token while the store fails: one warning for the outage without the driver’s message, one event on recovery', async () => {
    const { issued, fetchToken } = vendor();
    const { store, state } = breakableStore();
    const { source, log } = processOf(store, fetchToken);
    state.down = true;
    for (let call = 0; call < 3; call++) expect((await source.fetch(undefined)).value).toBe(`token-${call + 1}`);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith('warn', 'oemkit.token_store.unavailable', expect.objectContaining({ operation: 'get', reason: 'error', errorName: 'Error', errorCode: 'ECONNREFUSED' }));
    expect(JSON.stringify(log.mock.calls)).not.toContain('hunter2');
    state.down = false;
    const shared = await source.fetch(undefined);
    expect(shared.value).toBe('token-4');
    expect(log).toHaveBeenCalledTimes(2);
    expect(log).toHaveBeenLastCalledWith('info', 'oemkit.token_store.recovered', expect.objectContaining({ failures: 3 }));
    expect(issued).toHaveLength(4);
  });

  it('gives up on a store that does not answer within its timeout', async () => {
    const { fetchToken } = vendor();
    const silent: TokenStore = { get: () => new Promise(() => {}), set: () => new Promise(() => {}), delete: () => new Promise(() => {}) };
    const { source, log } = processOf(silent, fetchToken);
    expect((await source.fetch(undefined)).value).toBe('token-1');
    expect(log).toHaveBeenCalledWith('warn', 'oemkit.token_store.unavailable', expect.objectContaining({ operation: 'get', reason: 'timeout' }));
  });

  it('finds out a store that accepts writes and keeps nothing, as a Keyv over a lost connection does', async () => {
    const { fetchToken } = vendor();
    const forgetful: TokenStore = { get: async () => undefined, set: async () => true, delete: async () => true };
    const { source, log } = processOf(forgetful, fetchToken);
    expect((await source.fetch(undefined)).value).toBe('token-1');
    expect(log).toHaveBeenCalledWith('warn', 'oemkit.token_store.unavailable', expect.objectContaining({ operation: 'lock', reason: 'unkept-write' }));
  });

  it('takes a value that is not a string for no entry, so a store answering false for a missing key holds no lock', async () => {
    const { issued, fetchToken } = vendor();
    const keyv = new Keyv();
    const falsy: TokenStore = { get: async (key) => (await keyv.get(key)) ?? false, set: (key, value, ttl) => keyv.set(key, value, ttl), delete: (key) => keyv.delete(key) };
    const { source, log } = processOf(falsy, fetchToken);
    expect((await source.fetch(undefined)).value).toBe('token-1');
    // It held the lock and stored its token for the fleet, rather than waiting out a lock nobody held.
    expect(storedKeys(keyv).map((key) => key.split(':').at(-1))).toEqual(['token']);
    expect(issued).toEqual(['token-1']);
    expect(log).not.toHaveBeenCalled();
  });

  it('counts a write the store answers false for (Keyv over a failed backend) as a failure at once', async () => {
    const { issued, fetchToken } = vendor();
    const keyv = new Keyv();
    const refusing: TokenStore = { get: (key) => keyv.get(key), set: async () => false, delete: (key) => keyv.delete(key) };
    const { source, log } = processOf(refusing, fetchToken);
    expect((await source.fetch(undefined)).value).toBe('token-1');
    expect(issued).toEqual(['token-1']);
    expect(log).toHaveBeenCalledExactlyOnceWith('warn', 'oemkit.token_store.unavailable', expect.objectContaining({ operation: 'set', reason: 'unkept-write' }));
  });

  it('releases a lock the store took only after its timeout, so the fleet does not wait out its TTL', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { issued, fetchToken } = vendor();
      const keyv = new Keyv();
      const answer = deferred<boolean>();
      const asked = deferred<void>();
      const store: TokenStore = {
        get: (key) => keyv.get(key),
        set: (key, value, ttl) => keyv.set(key, value, ttl),
        delete: (key) => keyv.delete(key),
        // A SET NX stuck behind a slow Redis: it lands, and is answered, after the 200 ms timeout.
        setIfAbsent: async (key, value, ttl) => {
          asked.resolve();
          await answer.promise;
          await keyv.set(key, value, ttl);
          return true;
        },
      };
      const { source, log } = processOf(store, fetchToken);
      const fetched = source.fetch(undefined);
      await asked.promise;
      // The timeout, and the one more turn of the loop the guard gives a late answer.
      await vi.advanceTimersByTimeAsync(201);
      expect((await fetched).value).toBe('token-1');
      expect(log).toHaveBeenCalledWith('warn', 'oemkit.token_store.unavailable', expect.objectContaining({ operation: 'setIfAbsent', reason: 'timeout' }));
      answer.resolve(true);
      for (let turn = 0; turn < 10; turn++) await vi.advanceTimersByTimeAsync(0);
      expect(storedKeys(keyv)).toEqual([]);
      expect(issued).toEqual(['token-1']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('falls back, never failing the call, when the store throws or rejects a value that throws when read', async () => {
    const hostile = new Proxy({}, {
      get() {
        throw new Error('read');
      },
      getPrototypeOf() {
        throw new Error('prototype');
      },
    });
    const stores: TokenStore[] = [
      { get: () => Promise.reject(hostile), set: async () => true, delete: async () => true },
      {
        get: () => {
          throw hostile;
        },
        set: async () => true,
        delete: async () => true,
      },
      { get: async () => undefined, set: () => Promise.reject(hostile), delete: async () => true, setIfAbsent: () => Promise.reject(hostile) },
    ];
    for (const store of stores) {
      const { issued, fetchToken } = vendor();
      const { source, log } = processOf(store, fetchToken);
      expect((await source.fetch(undefined)).value).toBe('token-1');
      expect(issued).toEqual(['token-1']);
      expect(log).toHaveBeenCalledExactlyOnceWith('warn', 'oemkit.token_store.unavailable', expect.objectContaining({ reason: 'error', fallback: 'per-process token' }));
    }
  });

  it('survives a store that throws instead of rejecting', async () => {
    const { fetchToken } = vendor();
    const throwing: TokenStore = {
      get: () => {
        throw new TypeError('not connected');
      },
      set: async () => true,
      delete: async () => true,
    };
    const { source, log } = processOf(throwing, fetchToken);
    expect((await source.fetch(undefined)).value).toBe('token-1');
    expect(log).toHaveBeenCalledWith('warn', 'oemkit.token_store.unavailable', expect.objectContaining({ errorName: 'TypeError' }));
  });
});
