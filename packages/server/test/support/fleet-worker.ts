/**
 * One process of the fleet in token-store-fleet.test.ts, bundled by the test with esbuild (the
 * sources through the `@oemkit/source` condition) and run as a Node child. It mints tickets one
 * after another through an AstratoClient whose tokenStore is a Keyv over @keyv/redis, tags its
 * token requests with its id, and sends the parent every event the client logs. Messages in:
 * `'go'` (start minting), `'report'` (answer tickets, failures and the token held) and `'stop'`.
 */
import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import { AstratoClient, isOemkitError } from '../../src/index.js';

export interface FleetWorkerConfig {
  worker: number;
  astratoUrl: string;
  redisUrl: string;
  clientId: string;
  clientSecret: string;
  refreshAhead: number;
  /** Pause between tickets, in ms. */
  pause: number;
}

export type FleetWorkerMessage =
  | { type: 'ready' }
  | { type: 'log'; level: string; event: string; fields: Record<string, unknown> }
  | { type: 'report'; tickets: number; failures: string[]; token: string };

const config = JSON.parse(process.argv[2]!) as FleetWorkerConfig;
const send = (message: FleetWorkerMessage) => process.send!(message);
const logTo = (level: string) => (event: string, fields: Record<string, unknown>) => send({ type: 'log', level, event, fields });

const store = new Keyv(new KeyvRedis(config.redisUrl));
// Keyv reports a lost connection as an event besides its answers; oemkit's own warning is what the test reads.
store.on('error', () => {});
const client = new AstratoClient({
  clientId: config.clientId,
  clientSecret: config.clientSecret,
  baseUrl: config.astratoUrl,
  tokenStore: store,
  refreshAhead: config.refreshAhead,
  logger: { debug: logTo('debug'), info: logTo('info'), warn: logTo('warn'), error: logTo('error') },
  // Which process asked for each token, for the parent's count.
  fetch: (input, init) => {
    const request = new Request(input, init);
    request.headers.set('x-fleet-worker', String(config.worker));
    return fetch(request);
  },
});

let running = true;
let tickets = 0;
const failures: string[] = [];
let go!: () => void;
const started = new Promise<void>((resolve) => (go = resolve));
process.on('message', (message) => {
  if (message === 'go') go();
  if (message === 'stop') running = false;
  if (message === 'report') {
    void client.getAccessToken().then((token) => send({ type: 'report', tickets, failures, token }));
  }
});

// Connected before the start, as a server would be before taking traffic: the test is about the
// fleet's token, not about how long a cold process takes to reach Redis.
await store.get('fleet-test:warm-up');
send({ type: 'ready' });
await started;
while (running) {
  try {
    await client.setup({ email: `user-${config.worker}@example.com`, groupNames: ['Viewers'] });
    tickets++;
  } catch (error) {
    failures.push(isOemkitError(error) ? error.code : String(error));
  }
  await new Promise((resolve) => setTimeout(resolve, config.pause));
}
await store.disconnect().catch(() => {});
process.disconnect();
