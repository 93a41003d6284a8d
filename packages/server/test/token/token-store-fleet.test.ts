/**
 * Eight Node processes mint tickets at once through one Redis, against one emulated Astrato whose
 * tokens (as the clients read them) last 11.5 s, so that with a 10.5 s refresh-ahead the fleet
 * needs a new token about every second and the run spans many lifetimes. Then Redis is killed
 * mid-run and restarted. Nothing here asserts on time: the phases are events (tokens issued,
 * warnings logged), and the rules are about which token request followed which.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer, type RunningRedis } from '@oemkit/test-support/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForNode } from '../support/bundle-for-node.js';
import { toNodeHandler } from '../../src/adapters/node-adapter.js';
import { createAstratoEmulator } from '../../src/testing.js';
import type { FleetWorkerConfig, FleetWorkerMessage } from '../support/fleet-worker.js';

const WORKERS = 8;
/** How long each token lasts, as the wrapped emulator tells the clients. */
const LIFETIME = 11_500;
/** With the client's fixed 10 s expiry margin, this leaves each token one second before its refresh. */
const REFRESH_AHEAD = 10_500;
/** Generous bounds on waiting for an event, so that a loaded machine is slow, not failing. */
const PHASE_LIMIT = 20_000;

interface TokenRequest {
  worker: string;
  at: number;
  expiresAt: number;
}

interface Worker {
  id: string;
  child: ChildProcess;
  events: { level: string; event: string }[];
  report?: Extract<FleetWorkerMessage, { type: 'report' }>;
}

let redis: RunningRedis;
let server: Server;
let astratoUrl: string;
let bundleDir: string;
let workerScript: string;
const emulator = createAstratoEmulator();
const tokenRequests: TokenRequest[] = [];
const workers: Worker[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  bundleDir = await mkdtemp(join(tmpdir(), 'oemkit-fleet-'));
  workerScript = await bundleForNode(new URL('../support/fleet-worker.ts', import.meta.url), bundleDir);
  // The emulator, with the token's lifetime shortened on the way out: `expires_in` is what the
  // client believes, and a JWT valid for longer is still accepted by setup.
  server = createServer(
    toNodeHandler(async (request) => {
      if (new URL(request.url).pathname !== '/auth/proxy/m2m/token') return emulator.handle(request);
      const at = Date.now();
      const response = await emulator.handle(request);
      if (!response.ok) return response;
      const body = (await response.json()) as Record<string, unknown>;
      tokenRequests.push({ worker: request.headers.get('x-fleet-worker') ?? '?', at, expiresAt: at + LIFETIME });
      return Response.json({ ...body, expires_in: at + LIFETIME });
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  astratoUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}, 60_000);

afterAll(async () => {
  for (const { child } of workers) child.kill('SIGKILL');
  await new Promise((resolve) => server?.close(resolve));
  await redis?.stop();
  if (bundleDir) await rm(bundleDir, { recursive: true, force: true });
});

function startWorker(index: number): Promise<Worker> {
  const config: FleetWorkerConfig = {
    worker: index,
    astratoUrl,
    redisUrl: redis.url,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    refreshAhead: REFRESH_AHEAD,
    pause: 50,
  };
  const child = fork(workerScript, [JSON.stringify(config)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const worker: Worker = { id: String(index), child, events: [] };
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4_000)));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker ${index} exited (${code}) before it was ready: ${stderr}`)));
    child.on('message', (message: FleetWorkerMessage) => {
      if (message.type === 'ready') resolve(worker);
      if (message.type === 'log') worker.events.push({ level: message.level, event: message.event });
      if (message.type === 'report') worker.report = message;
    });
  });
}

/** Waits for a condition the run is driving towards; fails with `what` if it never comes. */
async function until(what: string, condition: () => boolean): Promise<void> {
  const giveUpAt = Date.now() + PHASE_LIMIT;
  while (!condition()) {
    if (Date.now() > giveUpAt) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const count = (worker: Worker, event: string) => worker.events.filter((logged) => logged.event === event).length;

/**
 * The rule of one token per lifetime: each request came only once the token before it was due
 * for refresh. Requests closer together than that mean someone fetched a token it could have shared.
 */
function earlyRequests(requests: readonly TokenRequest[]): string[] {
  const sorted = [...requests].sort((a, b) => a.at - b.at);
  return sorted.slice(1).flatMap((request, index) => {
    const previous = sorted[index]!;
    return request.at >= previous.expiresAt - REFRESH_AHEAD
      ? []
      : [`worker ${request.worker} asked ${previous.expiresAt - REFRESH_AHEAD - request.at} ms before worker ${previous.worker}'s token was due`];
  });
}

describe('a fleet of 8 processes sharing one m2m token through Redis', () => {
  it('makes one token request per lifetime between them, degrades to per-process tokens when Redis dies, and shares again when it returns', async () => {
    workers.push(...(await Promise.all(Array.from({ length: WORKERS }, (_, index) => startWorker(index)))));
    for (const { child } of workers) child.send('go');

    // Shared: several lifetimes with Redis up.
    await until('three token lifetimes', () => tokenRequests.length >= 3);
    await redis.kill();
    const killedAt = tokenRequests.length;

    // Down: every process warns once and goes on with tokens of its own, twice each.
    const ownRequests = (worker: Worker) => tokenRequests.slice(killedAt).filter((request) => request.worker === worker.id).length;
    await until('each process to fetch its own tokens', () => workers.every((worker) => count(worker, 'oemkit.token_store.unavailable') > 0 && ownRequests(worker) >= 2));
    const restartedAt = tokenRequests.length;
    await redis.restart();

    // Back: every process finds the store again, and the fleet shares for two more lifetimes.
    await until('each process to find the store again', () => workers.every((worker) => count(worker, 'oemkit.token_store.recovered') > 0));
    const recoveredAt = tokenRequests.length;
    await until('two more lifetimes', () => tokenRequests.length >= recoveredAt + 2);
    const endedAt = tokenRequests.length;

    for (const { child } of workers) child.send('report');
    await until('every report', () => workers.every((worker) => worker.report !== undefined));
    for (const { child } of workers) child.send('stop');

    // Not one ticket failed, before, during or after the outage.
    for (const worker of workers) {
      expect(worker.report!.failures, `worker ${worker.id}`).toEqual([]);
      expect(worker.report!.tickets, `worker ${worker.id}`).toBeGreaterThan(0);
    }
    // Shared: one request per lifetime, fleet-wide.
    expect(earlyRequests(tokenRequests.slice(0, killedAt))).toEqual([]);
    // Down: each process kept its own token for its lifetime, no more often.
    for (const worker of workers) {
      expect(earlyRequests(tokenRequests.slice(killedAt, restartedAt).filter((request) => request.worker === worker.id)), `worker ${worker.id}`).toEqual([]);
    }
    // Back: one request per lifetime, fleet-wide, again.
    expect(earlyRequests(tokenRequests.slice(recoveredAt, endedAt))).toEqual([]);
    // One warning per process for the whole outage, and one recovery.
    for (const worker of workers) {
      expect(count(worker, 'oemkit.token_store.unavailable'), `worker ${worker.id}`).toBe(1);
      expect(count(worker, 'oemkit.token_store.recovered'), `worker ${worker.id}`).toBe(1);
    }
  }, 90_000);
});
