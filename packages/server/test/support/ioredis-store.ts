import type { Redis } from 'ioredis';
import type { TokenStore } from '../../src/index.js';

/** The README's store over ioredis, with Redis's atomic SET NX PX for the lock. */
export function ioredisStore(client: Redis): TokenStore {
  return {
    get: (key) => client.get(key),
    set: (key, value, ttl) => client.set(key, value, 'PX', ttl),
    delete: (key) => client.del(key),
    setIfAbsent: async (key, value, ttl) => (await client.set(key, value, 'PX', ttl, 'NX')) === 'OK',
  };
}
