// @ts-check
/**
 * Starts the DataBrain example: the local DataBrain emulator by default, or the real API when
 * DATABRAIN_API_KEY is set (DATABRAIN_URL for a self-hosted install, DATABRAIN_DATA_APP for the
 * data app name, DATABRAIN_DASHBOARD_ID for the dashboard).
 */
import { createServer } from 'node:http';
import { DataBrainClient } from '@oemkit/server';
import { toNodeHandler } from '@oemkit/server/node';
import { createDataBrainEmulator } from '@oemkit/server/testing';
import { createApp } from './app.js';

const env = process.env;
let baseUrl = env.DATABRAIN_URL ?? 'https://api.usedatabrain.com';
let apiKey = env.DATABRAIN_API_KEY;
if (!apiKey) {
  const emulator = createDataBrainEmulator();
  const running = await emulator.listen();
  baseUrl = running.url;
  apiKey = emulator.apiKey;
  process.stdout.write(`DataBrain emulator at ${running.url}\n`);
}

const app = createApp({
  client: new DataBrainClient({ apiKey, baseUrl, apiVersion: 'v2' }),
  dataAppName: env.DATABRAIN_DATA_APP ?? 'Sales App',
  dashboardId: env.DATABRAIN_DASHBOARD_ID ?? 'sales-dashboard',
});

const server = createServer(toNodeHandler(app));
server.listen(Number(env.PORT ?? 3001), '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const base = `http://127.0.0.1:${port}`;
  process.stdout.write(`Try:\n  curl -c jar -d email=ana@acme.test ${base}/sign-in\n  curl -b jar -X POST ${base}/api/databrain-token\n`);
});
