// @ts-check
/**
 * Starts the DataBrain example: the local DataBrain emulator by default, or the real API when
 * DATABRAIN_API_KEY is set (DATABRAIN_URL for a self-hosted install, DATABRAIN_DATA_APP for the
 * data app name).
 */
import { createServer } from 'node:http';
import { DataBrainClient } from '@oemkit/server';
import { toNodeHandler } from '@oemkit/server/node';
import { createDataBrainEmulator } from '@oemkit/server/testing';
import { createGuestTokenRoute } from './guest-token-route.js';

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

const route = createGuestTokenRoute({
  client: new DataBrainClient({ apiKey, baseUrl }),
  dataAppName: env.DATABRAIN_DATA_APP ?? 'Sales App',
  dashboardId: env.DATABRAIN_DASHBOARD_ID ?? 'sales-dashboard',
  // A real app reads its own session here; the example takes the tenant from a header.
  authorize: (request) => {
    const tenantId = request.headers.get('x-demo-tenant');
    return tenantId ? { tenantId } : null;
  },
});

const server = createServer(toNodeHandler(route));
server.listen(Number(env.PORT ?? 3001), '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  process.stdout.write(`Try: curl -X POST -H 'x-demo-tenant: acme' http://127.0.0.1:${port}/api/databrain-token\n`);
});
