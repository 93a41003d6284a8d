import KeyvRedis from '@keyv/redis';
import { startRedisServer, type RunningRedis } from '@oemkit/test-support/redis';
import { Redis } from 'ioredis';
import { decodeProtectedHeader } from 'jose';
import Keyv from 'keyv';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { AstratoClient, type TokenStore } from '../../src/index.js';
import { createAstratoEmulator } from '../../src/testing.js';
import { ioredisStore } from '../support/ioredis-store.js';

const viewer = { email: 'ana@example.com', groupNames: ['Viewers'] };
let redis: RunningRedis;
let inspector: Redis;

beforeAll(async () => {
  redis = await startRedisServer();
  inspector = new Redis(redis.url);
});

afterAll(async () => {
  inspector?.disconnect();
  await redis?.stop();
});

/** What a dump of the server shows: every key with its value and remaining TTL. */
async function dumpRedis(): Promise<{ key: string; value: string; ttl: number }[]> {
  const keys = await inspector.keys('*');
  return Promise.all(keys.map(async (key) => ({ key, value: (await inspector.get(key)) ?? '', ttl: await inspector.pttl(key) })));
}


describe('a tokenStore on a real redis-server', () => {
  it('is satisfied by a Keyv instance over @keyv/redis, with no adapter', () => {
    expectTypeOf<Keyv>().toExtend<TokenStore>();
    expectTypeOf<Keyv<string>>().toExtend<TokenStore>();
  });

  it('shares one token between processes through Keyv and @keyv/redis, and a dump shows neither the token nor the secret', async () => {
    await inspector.flushall();
    const emulator = createAstratoEmulator();
    const clients = Array.from({ length: 4 }, () => {
      const store = new Keyv(new KeyvRedis(redis.url));
      return { store, client: new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, fetch: emulator.fetch, tokenStore: store }) };
    });
    try {
      await Promise.all(clients.map(({ client }) => client.setup(viewer)));
      expect(emulator.counts.tokensIssued).toBe(1);
      const token = await clients[0]!.client.getAccessToken();

      const entries = await dumpRedis();
      // Keyv adds its namespace in front (keyv::keyv: with @keyv/redis); the name after it is oemkit’s.
      expect(entries.map(({ key }) => key)).toEqual([expect.stringMatching(/:oemkit:astrato:[0-9a-f]{32}:token$/)]);
      const [entry] = entries;
      // Redis expires the entry with the token: within its 10 minutes.
      expect(entry!.ttl).toBeGreaterThan(0);
      expect(entry!.ttl).toBeLessThanOrEqual(600_000);
      for (const secret of [token, token.split('.')[1]!, emulator.clientSecret]) {
        expect(entry!.value).not.toContain(secret);
        expect(entry!.value).not.toContain(Buffer.from(secret).toString('base64url'));
      }
      const sealed = (JSON.parse(entry!.value) as { value: string }).value;
      expect(decodeProtectedHeader(sealed)).toEqual({ alg: 'dir', enc: 'A256GCM' });
      // Each part of the JWE, decoded, is its header or random-looking bytes: none of the token's text.
      for (const part of sealed.split('.').slice(1)) expect(Buffer.from(part, 'base64url').toString('latin1')).not.toContain(token.slice(0, 16));
    } finally {
      await Promise.all(clients.map(({ store }) => store.disconnect()));
    }
  });

  it('takes the lock with Redis’s SET NX through a hand-written store’s setIfAbsent', async () => {
    await inspector.flushall();
    const emulator = createAstratoEmulator();
    const connections = Array.from({ length: 4 }, () => new Redis(redis.url));
    try {
      const clients = connections.map(
        (connection) => new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, fetch: emulator.fetch, tokenStore: ioredisStore(connection) }),
      );
      const tokens = await Promise.all(clients.map((client) => client.getAccessToken()));
      expect(new Set(tokens).size).toBe(1);
      expect(emulator.counts.tokensIssued).toBe(1);
      expect((await dumpRedis()).map(({ key }) => key)).toEqual([expect.stringMatching(/^oemkit:astrato:[0-9a-f]{32}:token$/)]);
    } finally {
      for (const connection of connections) connection.disconnect();
    }
  });
});
