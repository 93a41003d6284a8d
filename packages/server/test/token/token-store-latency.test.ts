/**
 * Cold fleets sharing one token through a real redis-server that sits behind a proxy adding 60 ms
 * each way (120 ms more per round trip, a store in another region), against the Astrato emulator
 * over HTTP, slow or failing on its first token request. Each fleet is a set of clients with a
 * connection each, as separate processes have, all asking for a token at once. The cases are
 * independent (each has its own emulator, so its own base URL and keys) and run concurrently.
 */
import KeyvRedis from '@keyv/redis';
import { startDelayProxy, type DelayProxy } from '@oemkit/test-support/delay-proxy';
import { startRedisServer, type RunningRedis } from '@oemkit/test-support/redis';
import Keyv from 'keyv';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AstratoClient } from '../../src/index.js';
import { createAstratoEmulator, type FaultAction } from '../../src/testing.js';
import { createTokenSeal } from '../../src/token/token-seal.js';
import { ioredisStore } from '../support/ioredis-store.js';

/** Milliseconds the proxy holds each chunk, each way. */
const STORE_DELAY = 60;

let redis: RunningRedis;
let far: DelayProxy;
let inspector: Redis;

beforeAll(async () => {
  // Loads what a client loads on its first use of a store (jose's JWE modules), once, before the
  // fleets start: under vitest that is a transform taking up to seconds on a busy machine, which
  // would hold up every client's first store call past its 500 ms and send the fleet to per-process
  // tokens. A server process loads it in milliseconds.
  await createTokenSeal({ baseUrl: 'https://warm-up.test', clientId: 'warm-up', clientSecret: 'warm-up' });
  redis = await startRedisServer();
  far = await startDelayProxy(redis.port, STORE_DELAY);
  inspector = new Redis(redis.url);
});

afterAll(async () => {
  inspector?.disconnect();
  await far?.close();
  await redis?.stop();
});


/**
 * Starts `size` clients, each with its own store (a Keyv, or ioredis with SET NX) over its own connection through the proxy, and
 * connected before the start (a server is before it takes traffic); then all ask for a token at
 * once. Answers how many token requests Astrato saw and whether the store kept a token.
 */
async function coldFleet(size: number, firstTokenAnswer?: FaultAction, lock: 'Keyv' | 'SET NX' = 'Keyv') {
  const emulator = createAstratoEmulator();
  if (firstTokenAnswer) emulator.faults.add({ path: '/auth/proxy/m2m/token', times: 1, action: firstTokenAnswer });
  const { url, close } = await emulator.listen();
  const farUrl = `redis://127.0.0.1:${far.port}`;
  const connections = Array.from({ length: size }, () => (lock === 'Keyv' ? new Keyv(new KeyvRedis(farUrl)) : new Redis(farUrl)));
  const stores = connections.map((connection) => (connection instanceof Redis ? ioredisStore(connection) : connection));
  try {
    await Promise.all(stores.map((store) => store.get('warm-up')));
    // The warnings, to say why a fleet fetched more than it should (a store call over its 500 ms on a starved machine).
    const warnings: string[] = [];
    const logger = { warn: (event: string, fields: Record<string, unknown>) => warnings.push(`${event} ${JSON.stringify(fields)}`) };
    const clients = stores.map((tokenStore) => new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, baseUrl: url, tokenStore, logger }));
    const tokens = await Promise.all(clients.map((client) => client.getAccessToken()));
    // What the store holds for this fleet (Keyv puts its namespace in front of oemkit's key).
    const seal = await createTokenSeal({ baseUrl: clients[0]!.baseUrl, clientId: emulator.clientId, clientSecret: emulator.clientSecret });
    const [key] = await inspector.keys(`*${seal.keyPrefix}:token`);
    const entry = key === undefined ? null : await inspector.get(key);
    // Keyv wraps the value in JSON with its expiry; the hand-written store keeps it as it is.
    const sealed = entry === null ? undefined : lock === 'Keyv' ? (JSON.parse(entry) as { value: unknown }).value : entry;
    const stored = await seal.open(sealed);
    return {
      tokenRequests: emulator.calls.filter((call) => call.path === '/auth/proxy/m2m/token').length,
      distinctTokens: new Set(tokens).size,
      storedToken: stored?.value,
      tokens,
      warnings: [...new Set(warnings)],
    };
  } finally {
    await Promise.all(connections.map((connection) => (connection instanceof Redis ? connection.quit() : connection.disconnect())));
    await close();
  }
}

describe.concurrent('a cold fleet sharing one token through Keyv on a Redis 60 ms away each way', () => {
  it('makes one token request for 8 processes, and stores the token', async () => {
    const fleet = await coldFleet(8);
    expect(fleet.tokenRequests, fleet.warnings.join('\n')).toBe(1);
    expect(fleet.distinctTokens).toBe(1);
    expect(fleet.storedToken).toBe(fleet.tokens[0]);
  }, 30_000);

  it('makes at most 2 token requests for 8 processes when the first answer is a 503 with Retry-After: 6', async () => {
    const fleet = await coldFleet(8, { rateLimit: 6, status: 503 });
    expect(fleet.tokenRequests, fleet.warnings.join('\n')).toBeLessThanOrEqual(2);
    expect(fleet.distinctTokens).toBe(1);
  }, 30_000);

  it('makes one token request for 8 processes when the token takes 7 s to come', async () => {
    const fleet = await coldFleet(8, { latency: 7_000 });
    expect(fleet.tokenRequests, fleet.warnings.join('\n')).toBe(1);
    expect(fleet.distinctTokens).toBe(1);
  }, 30_000);

  it('makes one token request for 8 processes locking with SET NX when the token takes 7 s to come', async () => {
    const fleet = await coldFleet(8, { latency: 7_000 }, 'SET NX');
    expect(fleet.tokenRequests, fleet.warnings.join('\n')).toBe(1);
    expect(fleet.distinctTokens).toBe(1);
    expect(fleet.storedToken).toBe(fleet.tokens[0]);
  }, 30_000);

  it('makes at most 2 token requests for 32 processes', async () => {
    const fleet = await coldFleet(32);
    expect(fleet.tokenRequests, fleet.warnings.join('\n')).toBeLessThanOrEqual(2);
    expect(fleet.tokens).toContain(fleet.storedToken);
  }, 30_000);
});
