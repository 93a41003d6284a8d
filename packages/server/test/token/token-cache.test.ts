import { describe, expect, it } from 'vitest';
import { AbortedError } from '../../src/index.js';
import type { CachedToken } from '../../src/token/token-cache.js';
import { TokenCache } from '../../src/token/token-cache.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

function harness() {
  let clock = 1_000_000;
  const fetches: ReturnType<typeof deferred<CachedToken>>[] = [];
  const cache = new TokenCache({
    now: () => clock,
    refreshAhead: 60_000,
    expiryMargin: 10_000,
    failureBackoff: 5_000,
    fetchToken: () => {
      const next = deferred<CachedToken>();
      fetches.push(next);
      return next.promise;
    },
  });
  /** Fetches the first token, `a`, valid for 10 minutes from now. */
  const prime = async () => {
    const first = cache.get();
    fetches[0]!.resolve({ value: 'a', expiresAt: clock + 600_000 });
    await first;
  };
  return { cache, fetches, prime, advance: (ms: number) => (clock += ms), now: () => clock };
}

describe('TokenCache', () => {
  it('shares one fetch among concurrent callers', async () => {
    const { cache, fetches, now } = harness();
    const callers = Array.from({ length: 100 }, () => cache.get());
    expect(fetches).toHaveLength(1);
    fetches[0]!.resolve({ value: 'a', expiresAt: now() + 600_000 });
    expect(new Set(await Promise.all(callers))).toEqual(new Set(['a']));
  });

  it('serves the cached token without fetching until the refresh window', async () => {
    const { cache, fetches, prime, advance } = harness();
    await prime();
    advance(500_000);
    expect(await cache.get()).toBe('a');
    expect(fetches).toHaveLength(1);
  });

  it('answers at once inside the refresh window while one background fetch replaces the token', async () => {
    const { cache, fetches, prime, advance, now } = harness();
    await prime();
    advance(560_000);
    expect(await cache.get()).toBe('a');
    expect(await cache.get()).toBe('a');
    expect(fetches).toHaveLength(2);
    fetches[1]!.resolve({ value: 'b', expiresAt: now() + 600_000 });
    await fetches[1]!.promise;
    expect(await cache.get()).toBe('b');
  });

  it('waits for a new token once the current one is inside the expiry margin', async () => {
    const { cache, fetches, prime, advance, now } = harness();
    await prime();
    advance(595_000);
    const pending = cache.get();
    expect(fetches).toHaveLength(2);
    fetches[1]!.resolve({ value: 'b', expiresAt: now() + 600_000 });
    expect(await pending).toBe('b');
  });

  it('keeps serving a valid token when a background refresh fails, and backs off before retrying', async () => {
    const { cache, fetches, prime, advance } = harness();
    await prime();
    advance(560_000);
    expect(await cache.get()).toBe('a');
    fetches[1]!.reject(new Error('vendor down'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await cache.get()).toBe('a');
    expect(fetches).toHaveLength(2);
    advance(5_001);
    expect(await cache.get()).toBe('a');
    expect(fetches).toHaveLength(3);
  });

  it('hands a failed fetch to every waiting caller and tries again on the next call', async () => {
    const { cache, fetches, now } = harness();
    const callers = [cache.get(), cache.get()];
    fetches[0]!.reject(new Error('refused'));
    for (const caller of callers) await expect(caller).rejects.toThrow('refused');
    const retry = cache.get();
    fetches[1]!.resolve({ value: 'b', expiresAt: now() + 600_000 });
    expect(await retry).toBe('b');
  });

  it('forgets only the token that was refused', async () => {
    const { cache, prime } = harness();
    await prime();
    cache.invalidate('stale-other');
    expect(cache.peek()).toBe('a');
    cache.invalidate('a');
    expect(cache.peek()).toBeUndefined();
  });

  it('hands fetchToken the token it will replace, so a shared source can tell whether a stored one is newer', async () => {
    let clock = 1_000_000;
    const replaced: (CachedToken | undefined)[] = [];
    const cache = new TokenCache({
      now: () => clock,
      fetchToken: async (replacing) => {
        replaced.push(replacing);
        return { value: `t${replaced.length}`, expiresAt: clock + 600_000 };
      },
    });
    await cache.get();
    clock += 595_000;
    await cache.get();
    expect(replaced).toEqual([undefined, { value: 't1', expiresAt: 1_600_000 }]);
  });

  it('lets one caller stop waiting without cancelling the shared fetch', async () => {
    const { cache, fetches, now } = harness();
    const controller = new AbortController();
    const impatient = cache.get(controller.signal);
    const patient = cache.get();
    controller.abort();
    await expect(impatient).rejects.toBeInstanceOf(AbortedError);
    fetches[0]!.resolve({ value: 'a', expiresAt: now() + 600_000 });
    expect(await patient).toBe('a');
  });
});
