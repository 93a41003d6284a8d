/**
 * The `tokenStore` option: where a fleet of processes keeps the one m2m token they share.
 *
 * @module
 */
import { readGuarded } from '../runtime/read-guarded.js';

/**
 * A small key-value store that several processes can reach, for {@link AstratoClientOptions.tokenStore}.
 * A [Keyv](https://keyv.org) instance satisfies it as it is, whatever its backend (`@keyv/redis`
 * for Redis and Valkey, `@keyv/postgres`, `@keyv/mongo`…): no adapter.
 *
 * - `get(key)` resolves to the string last `set` under `key`, or to `undefined` (or `null`) when
 *   there is none or it has expired. Anything else is treated as no entry.
 * - `set(key, value, ttl)` keeps `value` for `ttl` milliseconds (a whole number, 1 or more).
 *   Resolving `false` says it did not (Keyv does when its backend failed): a failure, like a rejection.
 * - `delete(key)` forgets `key`.
 * - `setIfAbsent(key, value, ttl)`, optional, stores `value` only when `key` holds nothing, in
 *   one atomic step, and resolves `true` when it did (Redis `SET key value PX ttl NX`). With it the
 *   fleet's refresh lock is taken in one round trip; without it (Keyv) oemkit takes the lock with a
 *   write, a short wait and a read back (docs/fleet.md explains the rule and its bound).
 *
 * oemkit writes two keys per client, both starting with a prefix derived from the base URL and
 * client id (never the secret): `oemkit:astrato:<hash>:token`, the token sealed in an encrypted
 * JWE that only holders of the client secret can open, and `oemkit:astrato:<hash>:lock`, a random
 * id held while one process fetches a token (a 5-second lease it renews as it works, so a crashed
 * holder blocks the others for 5 seconds at most). A store that throws, rejects or
 * does not answer within half a second is skipped for that call (a lock it takes after that is
 * released as soon as it answers): each process then keeps its own
 * token, logs one warning, and logs again when the store is back. A ticket never fails because of
 * the store.
 *
 * @example
 * ```ts
 * import Keyv from 'keyv';
 * import KeyvRedis from '@keyv/redis';
 * import { AstratoClient } from '@oemkit/server';
 * const tokenStore = new Keyv(new KeyvRedis(process.env.REDIS_URL));
 * const astrato = new AstratoClient({ clientId, clientSecret, tokenStore });
 * ```
 * @example Hand-written over ioredis, with the atomic lock:
 * ```ts
 * import { Redis } from 'ioredis';
 * import type { TokenStore } from '@oemkit/server';
 * const redis = new Redis(process.env.REDIS_URL!);
 * const tokenStore: TokenStore = {
 *   get: (key) => redis.get(key),
 *   set: (key, value, ttl) => redis.set(key, value, 'PX', ttl),
 *   delete: (key) => redis.del(key),
 *   setIfAbsent: async (key, value, ttl) => (await redis.set(key, value, 'PX', ttl, 'NX')) === 'OK',
 * };
 * ```
 */
export interface TokenStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: string, ttl: number): Promise<unknown>;
  delete(key: string): Promise<unknown>;
  setIfAbsent?: ((key: string, value: string, ttl: number) => Promise<boolean>) | undefined;
}

/** @internal Why `store` cannot be a {@link TokenStore}, or `undefined` when it can. */
export function tokenStoreProblem(store: unknown): string | undefined {
  if (store === undefined) return undefined;
  const given = store as Record<string, unknown> | null;
  if ((typeof given !== 'object' && typeof given !== 'function') || given === null) {
    return 'must be a key-value store with get, set and delete (a Keyv instance, for example)';
  }
  const methods: Partial<Record<'get' | 'set' | 'delete' | 'setIfAbsent', unknown>> = {};
  for (const name of ['get', 'set', 'delete', 'setIfAbsent'] as const) {
    const method = readGuarded(given, name);
    if (!method.ok) return 'could not be read: reading its get, set, delete or setIfAbsent method threw';
    methods[name] = method.value;
  }
  const missing = (['get', 'set', 'delete'] as const).filter((method) => typeof methods[method] !== 'function');
  if (missing.length > 0) return `must have ${missing.join(', ')} method${missing.length > 1 ? 's' : ''} (a Keyv instance has all three)`;
  if (methods.setIfAbsent !== undefined && typeof methods.setIfAbsent !== 'function') return 'setIfAbsent must be a function when present';
  return undefined;
}
