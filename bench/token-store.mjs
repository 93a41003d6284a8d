// The shared m2m token's cost beside the in-process cache, on a build, against a redis-server it
// starts on 127.0.0.1 (scripts/ensure-system-tools.mjs installs one) and the Astrato emulator over
// loopback. Two tables: tickets minted with and without a store (a store is read only when a
// token is due, so a cached token costs the same either way), then each way of getting a token,
// from a cache hit to a fetch under the fleet lock; then cold fleets of 8 and 32 clients with the
// store 60 ms away each way (a delay proxy in front of the redis-server), with Astrato answering the
// first token request normally, with a 503 and Retry-After: 6, or after 7 s. Prints numbers; asserts nothing.
import { createRequire } from 'node:module';
import { AstratoClient } from '@oemkit/server';
import { createAstratoEmulator } from '@oemkit/server/testing';
import { startDelayProxy } from '@oemkit/test-support/delay-proxy';
import { startRedisServer } from '@oemkit/test-support/redis';
import { printTable, quantile, runPool } from './stats.mjs';

// Keyv, @keyv/redis and ioredis are the server package's devDependencies (its tests use them);
// the bench reads them from there rather than keep a second copy.
const fromServer = createRequire(new URL('../packages/server/package.json', import.meta.url));
const { Keyv } = fromServer('keyv');
const { default: KeyvRedis } = fromServer('@keyv/redis');
const { Redis } = fromServer('ioredis');

const TICKETS = Number(process.env.BENCH_TICKETS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const redis = await startRedisServer();
const emulator = createAstratoEmulator();
const { url, close } = await emulator.listen();
const credentials = { clientId: emulator.clientId, clientSecret: emulator.clientSecret, baseUrl: url };
const input = (i) => ({ email: `user${i % 50}@example.com`, groupNames: ['Viewers'] });
const opened = [];
const keyvStore = () => {
  const store = new Keyv(new KeyvRedis(redis.url));
  store.on('error', () => {});
  opened.push(() => store.disconnect());
  return store;
};
const ioredisStore = () => {
  const connection = new Redis(redis.url);
  opened.push(() => connection.quit());
  return {
    get: (key) => connection.get(key),
    set: (key, value, ttl) => connection.set(key, value, 'PX', ttl),
    delete: (key) => connection.del(key),
    setIfAbsent: async (key, value, ttl) => (await connection.set(key, value, 'PX', ttl, 'NX')) === 'OK',
  };
};
const inspector = new Redis(redis.url);
const tokenRequests = () => emulator.calls.filter((call) => call.path === '/auth/proxy/m2m/token').length;

// 1. Tickets: the same client with and without a store, best of alternating rounds (as tickets.mjs).
const ticketRows = [];
for (const concurrency of [1, 50]) {
  const contenders = {
    'in-process cache (no store)': new AstratoClient(credentials),
    'Keyv + @keyv/redis store': new AstratoClient({ ...credentials, tokenStore: keyvStore() }),
  };
  const best = {};
  for (let round = 0; round < ROUNDS; round++) {
    const order = Object.keys(contenders);
    if (round % 2 === 1) order.reverse();
    for (const name of order) {
      const client = contenders[name];
      await runPool(200, concurrency, (i) => client.setup(input(i)));
      const before = tokenRequests();
      const started = performance.now();
      const durations = await runPool(TICKETS, concurrency, (i) => client.setup(input(i)));
      const rate = TICKETS / ((performance.now() - started) / 1000);
      if (!best[name] || rate > best[name].rate) best[name] = { rate, tokens: tokenRequests() - before, p50: quantile(durations, 0.5), p99: quantile(durations, 0.99) };
    }
  }
  for (const [name, result] of Object.entries(best)) {
    ticketRows.push([name, concurrency, result.tokens, Math.round(result.rate), result.p50.toFixed(2), result.p99.toFixed(2)]);
  }
}

// 2. Getting a token, each path on its own: what one call costs and how many fit in a second.
async function measure(name, calls, prepare, call) {
  const durations = [];
  for (let i = 0; i < calls; i++) {
    const subject = await prepare(i);
    const started = performance.now();
    await call(subject);
    durations.push(performance.now() - started);
  }
  const total = durations.reduce((sum, ms) => sum + ms, 0);
  return [name, calls, Math.round(calls / (total / 1000)), quantile(durations, 0.5).toFixed(3), quantile(durations, 0.99).toFixed(3)];
}
const warm = async (client) => (await client.getAccessToken(), client);
const sharedKeyv = keyvStore();
const sharedIoredis = ioredisStore();
const cachedPlain = await warm(new AstratoClient(credentials));
const cachedShared = await warm(new AstratoClient({ ...credentials, tokenStore: sharedKeyv }));
const emptyStore = async () => {
  const keys = await inspector.keys('*oemkit:astrato:*');
  if (keys.length > 0) await inspector.del(...keys);
};
// A cache hit is the same code with or without a store: timed in batches (one clock read per
// 5000 calls), in alternating rounds, as nanoseconds per call.
const BATCH = 5_000;
const hitRows = [];
{
  const subjects = { 'cached token, no store': cachedPlain, 'cached token, with a store': cachedShared };
  const best = {};
  for (let round = 0; round < 2 * ROUNDS; round++) {
    const order = Object.keys(subjects);
    if (round % 2 === 1) order.reverse();
    for (const name of order) {
      const perCall = [];
      for (let batch = 0; batch < 40; batch++) {
        const started = performance.now();
        for (let i = 0; i < BATCH; i++) await subjects[name].getAccessToken();
        perCall.push(((performance.now() - started) * 1e6) / BATCH);
      }
      const rate = 1e9 / (perCall.reduce((sum, ns) => sum + ns, 0) / perCall.length);
      if (!best[name] || rate > best[name].rate) best[name] = { rate, p50: quantile(perCall, 0.5), p99: quantile(perCall, 0.99) };
    }
  }
  for (const [name, result] of Object.entries(best)) hitRows.push([name, 40 * BATCH, Math.round(result.rate), Math.round(result.p50), Math.round(result.p99)]);
}
const tokenRows = [
  // A process that starts (or whose token is due) while the fleet's token is in Redis: one GET, one decryption, and the key derived once per client.
  await measure('new client, token read from Redis', 500, () => new AstratoClient({ ...credentials, tokenStore: sharedKeyv }), (client) => client.getAccessToken()),
  await measure('new client, token from Astrato, no store', 500, () => new AstratoClient(credentials), (client) => client.getAccessToken()),
  // The one process per lifetime that fetches: lock, fetch, store, release. Keyv has no atomic
  // set-if-absent, so its lock waits the 100 ms settle; a store with SET NX does not.
  await measure('fetch under the lock, Keyv (100 ms settle)', 20, async () => (await emptyStore(), new AstratoClient({ ...credentials, tokenStore: sharedKeyv })), (client) => client.getAccessToken()),
  await measure('fetch under the lock, SET NX (setIfAbsent)', 500, async () => (await emptyStore(), new AstratoClient({ ...credentials, tokenStore: sharedIoredis })), (client) => client.getAccessToken()),
];

// 3. Cold fleets behind a far store: every client has its own connection (warmed, as a server's
// is before it takes traffic) and all ask for a token at once; each scenario has its own emulator.
const STORE_DELAY = 60;
const far = await startDelayProxy(redis.port, STORE_DELAY);
/** Keyv as it is, or ioredis with SET NX as the docs write it. */
const storeOver = (kind, connection) =>
  kind === 'Keyv'
    ? connection
    : {
        get: (key) => connection.get(key),
        set: (key, value, ttl) => connection.set(key, value, 'PX', ttl),
        delete: (key) => connection.del(key),
        setIfAbsent: async (key, value, ttl) => (await connection.set(key, value, 'PX', ttl, 'NX')) === 'OK',
      };
async function coldFleet(kind, size, firstAnswer) {
  const fleetEmulator = createAstratoEmulator();
  if (firstAnswer) fleetEmulator.faults.add({ path: '/auth/proxy/m2m/token', times: 1, action: firstAnswer });
  const fleetUrl = await fleetEmulator.listen();
  const farUrl = `redis://127.0.0.1:${far.port}`;
  const connections = Array.from({ length: size }, () => (kind === 'Keyv' ? new Keyv(new KeyvRedis(farUrl)) : new Redis(farUrl)));
  await Promise.all(connections.map((connection) => connection.get('warm-up')));
  const clientOver = (connection) => new AstratoClient({ clientId: fleetEmulator.clientId, clientSecret: fleetEmulator.clientSecret, baseUrl: fleetUrl.url, tokenStore: storeOver(kind, connection) });
  const clients = connections.map(clientOver);
  const started = performance.now();
  const waits = await Promise.all(clients.map(async (client) => (await client.getAccessToken(), performance.now() - started)));
  const requests = fleetEmulator.calls.filter((call) => call.path === '/auth/proxy/m2m/token').length;
  // The token the next process would find: a fresh client reads it, and Astrato sees no new request.
  const next = clientOver(connections[0]);
  await next.getAccessToken();
  const stored = fleetEmulator.calls.filter((call) => call.path === '/auth/proxy/m2m/token').length === requests;
  await Promise.all(connections.map((connection) => (kind === 'Keyv' ? connection.disconnect() : connection.quit())));
  await fleetUrl.close();
  const answer = firstAnswer === undefined ? 'at once' : 'latency' in firstAnswer ? `after ${firstAnswer.latency / 1000} s` : `503, Retry-After: ${firstAnswer.rateLimit}`;
  return [kind === 'Keyv' ? 'Keyv (write, settle, read)' : 'SET NX (setIfAbsent)', size, answer, requests, stored ? 'yes' : 'no', Math.round(quantile(waits, 0.5)), Math.round(Math.max(...waits))];
}
const fleetRows = [];
for (const [kind, size, firstAnswer] of [
  ['Keyv', 8], ['Keyv', 8, { rateLimit: 6, status: 503 }], ['Keyv', 8, { latency: 7_000 }], ['Keyv', 32],
  ['SET NX', 8], ['SET NX', 8, { rateLimit: 6, status: 503 }], ['SET NX', 32],
]) fleetRows.push(await coldFleet(kind, size, firstAnswer));
await far.close();

for (const end of opened) await end();
inspector.disconnect();
await close();
await redis.stop();

console.log(`\nShared token store: tickets through one client, ${TICKETS} per run, best of ${ROUNDS} alternating rounds; emulator and redis-server on 127.0.0.1 (node ${process.version})\n`);
printTable(['token from', 'concurrency', 'token requests', 'tickets / s', 'p50 ms', 'p99 ms'], ticketRows);
console.log('\nA cached token (getAccessToken), batches of 5000 calls, best of alternating rounds\n');
printTable(['path', 'calls', 'calls / s', 'p50 ns / call', 'p99 ns / call'], hitRows);
console.log('\nGetting a token that is not cached, one call at a time\n');
printTable(['path', 'calls', 'calls / s', 'p50 ms', 'p99 ms'], tokenRows);
console.log(`\nA cold fleet, every process asking at once, the store ${STORE_DELAY} ms away each way (${2 * STORE_DELAY} ms more per round trip)\n`);
printTable(['lock', 'processes', 'first token answer', 'token requests', 'stored for the next', 'p50 ms to token', 'max ms to token'], fleetRows);
