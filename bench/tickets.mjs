// Tickets per second through AstratoClient.setup against the emulator over loopback, beside the
// vendors' sample pattern (a fresh m2m token for every ticket) and the physical minimum (one bare
// fetch of /oem/setup with a token already in hand). Prints numbers; asserts nothing.
import { AstratoClient } from '@oemkit/server';
import { createAstratoEmulator } from '@oemkit/server/testing';
import { printTable, quantile, runPool } from './stats.mjs';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 1000);
const emulator = createAstratoEmulator();
const { url, close } = await emulator.listen();
const credentials = { clientId: emulator.clientId, clientSecret: emulator.clientSecret };
const body = (i) => JSON.stringify({ email: `user${i % 50}@example.com`, groupNames: ['Viewers'] });

async function postJson(path, payload, token) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: payload,
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

const contenders = {
  'oemkit AstratoClient.setup': () => {
    const client = new AstratoClient({ ...credentials, baseUrl: url });
    return (i) => client.setup(JSON.parse(body(i)));
  },
  'vendor sample (token per ticket)': () => async (i) => {
    const { access_token } = await postJson('/auth/proxy/m2m/token', JSON.stringify(credentials));
    return postJson('/oem/setup', body(i), access_token);
  },
  'bare fetch, known token (minimum)': async () => {
    const { access_token } = await postJson('/auth/proxy/m2m/token', JSON.stringify(credentials));
    return (i) => postJson('/oem/setup', body(i), access_token);
  },
};

// Each contender runs ROUNDS times in alternating order and keeps its best round, so that warm-up
// (JIT, GC heap sizing, the emulator's own first calls) does not land on whoever happens to go first.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const rows = [];
for (const concurrency of [1, 50]) {
  const tasks = Object.fromEntries(await Promise.all(Object.entries(contenders).map(async ([name, make]) => [name, await make()])));
  const best = {};
  for (let round = 0; round < ROUNDS; round++) {
    const order = Object.keys(tasks);
    if (round % 2 === 1) order.reverse();
    for (const name of order) {
      await runPool(200, concurrency, tasks[name]); // warm up
      const before = emulator.calls.length;
      const started = performance.now();
      const durations = await runPool(TICKETS, concurrency, tasks[name]);
      const seconds = (performance.now() - started) / 1000;
      const result = { upstream: (emulator.calls.length - before) / TICKETS, rate: TICKETS / seconds, p50: quantile(durations, 0.5), p99: quantile(durations, 0.99) };
      if (!best[name] || result.rate > best[name].rate) best[name] = result;
    }
  }
  for (const [name, result] of Object.entries(best)) {
    rows.push([name, concurrency, result.upstream.toFixed(3), Math.round(result.rate), result.p50.toFixed(2), result.p99.toFixed(2)]);
  }
}
await close();

console.log(`\nTickets: ${TICKETS} per run, best of ${ROUNDS} alternating rounds, against the Astrato emulator on 127.0.0.1 (node ${process.version})\n`);
printTable(['contender', 'concurrency', 'upstream requests / ticket', 'tickets / s', 'p50 ms', 'p99 ms'], rows);
