/**
 * One process of a fleet, for the cross-process rate-limit test: a guest-token handler of its own
 * (with an in-process DataBrain emulator) counting through RateLimiterRedis on the shared
 * redis-server. It says `ready` once connected, waits for `go` on stdin so every process fires at
 * once, sends its requests for one user together, and prints what it was answered as one JSON line.
 *
 * Bundled by the test with esbuild and run with plain node: argv is the redis URL, the number of
 * requests, the user and the limit's points.
 */
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { createGuestTokenHandler, DataBrainClient } from '../../src/index.js';
import { createDataBrainEmulator } from '../../src/testing.js';

const [url, count, user, points] = process.argv.slice(2) as [string, string, string, string];
const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
await new Promise((resolve) => redis.once('ready', resolve));

const emulator = createDataBrainEmulator();
const handle = createGuestTokenHandler({
  client: new DataBrainClient({ apiKey: emulator.apiKey, apiVersion: 'v2', baseUrl: 'http://databrain.test', fetch: emulator.fetch, retry: 0 }),
  authorize: () => ({ clientId: 'acme', dataAppName: 'Sales App', params: { userIdentifier: user } }),
  rateLimit: { limiter: new RateLimiterRedis({ storeClient: redis, keyPrefix: 'fleet-guest-tokens', points: Number(points), duration: 60 }) },
  onError: () => {},
});

process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) if (line === 'go') break;

const answers = await Promise.all(
  Array.from({ length: Number(count) }, async () => {
    const response = await handle(new Request('https://host.test/api/databrain-token', { method: 'POST' }));
    return { status: response.status, retryAfter: response.headers.get('retry-after') };
  }),
);
process.stdout.write(`${JSON.stringify({ answers, minted: emulator.tokens().length })}\n`);
redis.disconnect();
