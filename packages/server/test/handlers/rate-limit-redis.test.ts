import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startRedisServer, type RunningRedis } from '@oemkit/test-support/redis';
import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicketHandler } from '../../src/index.js';
import { bundleForNode } from '../support/bundle-for-node.js';

let redis: RunningRedis;
let workDir: string;
let processScript: string;

beforeAll(async () => {
  redis = await startRedisServer();
  // The fleet's processes run plain node, so the handler's sources are bundled for them first.
  workDir = mkdtempSync(join(tmpdir(), 'oemkit-rate-limit-'));
  processScript = await bundleForNode(new URL('../support/rate-limit-process.ts', import.meta.url), workDir);
}, 60_000);

afterAll(async () => {
  await redis?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

interface ProcessReport {
  answers: { status: number; retryAfter: string | null }[];
  minted: number;
}

/** Starts one process of the fleet and resolves once it is connected to Redis. */
async function startProcess(requests: number, user: string, points: number) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [processScript, redis.url, String(requests), user, String(points)]);
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`process exited (${code}): ${stderr}`))));
  exited.catch(() => {});
  const first = await Promise.race([lines.next(), exited]);
  expect(first.value).toBe('ready');
  return {
    go: () => child.stdin.write('go\n'),
    report: async (): Promise<ProcessReport> => JSON.parse((await Promise.race([lines.next(), exited])).value as string) as ProcessReport,
  };
}

describe('rateLimit on a real redis-server', () => {
  it('holds one user to the limit across four processes asking at once: exactly the points are admitted', async () => {
    const fleet = await Promise.all([1, 2, 3, 4].map(() => startProcess(10, 'u-ana', 7)));
    for (const member of fleet) member.go();
    const reports = await Promise.all(fleet.map((member) => member.report()));
    const answers = reports.flatMap((report) => report.answers);
    expect(answers).toHaveLength(40);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(7);
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(33);
    expect(reports.reduce((sum, report) => sum + report.minted, 0)).toBe(7);
    for (const answer of answers.filter(({ status }) => status === 429)) {
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(answer.retryAfter)).toBeLessThanOrEqual(60);
    }
    // Another user has the whole limit still.
    const other = await startProcess(3, 'u-bo', 7);
    other.go();
    expect((await other.report()).answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
  }, 60_000);

  it('lets requests through while Redis is down, reporting each, and limits again once it is back', async () => {
    const client = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => 50 });
    client.on('error', () => {});
    await new Promise((resolve) => client.once('ready', resolve));
    const failures: unknown[] = [];
    const handle = createTicketHandler({
      client: { setup: async () => ({ ticket: crypto.randomUUID(), expiresAt: new Date(Date.now() + 60_000) }) },
      authorize: () => ({ email: 'ana@example.com', groupNames: ['Viewers'] }),
      rateLimit: { limiter: new RateLimiterRedis({ storeClient: client, keyPrefix: 'outage-tickets', points: 1, duration: 60, rejectIfRedisNotReady: true }) },
      onError: (error) => failures.push(error),
    });
    const status = async () => (await handle(new Request('https://host.test/api/ticket', { method: 'POST' }))).status;
    try {
      expect([await status(), await status()]).toEqual([200, 429]);
      failures.length = 0;

      await redis.kill();
      expect([await status(), await status(), await status()]).toEqual([200, 200, 200]);
      expect(failures).toHaveLength(3);
      expect(failures.every((failure) => failure instanceof Error && !('msBeforeNext' in failure))).toBe(true);

      await redis.restart();
      for (let attempt = 0; attempt < 200 && client.status !== 'ready'; attempt++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect([await status(), await status()]).toEqual([200, 429]);
    } finally {
      client.disconnect();
    }
  }, 30_000);
});
