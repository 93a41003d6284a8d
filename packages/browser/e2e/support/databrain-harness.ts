/**
 * A host application for the DataBrain browser test: a page that loads DataBrain's real web
 * component (`@databrainhq/plugin/web`, from node_modules, served from here: no CDN, no network)
 * and `@oemkit/browser/databrain`, and two guest-token endpoints built on createGuestTokenHandler
 * against the DataBrain emulator: today's (with `expiresIn`) and one that answers as a server
 * older than that field did (`{ token }` only).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { createGuestTokenHandler, DataBrainClient } from '@oemkit/server';
import { toNodeHandler } from '@oemkit/server/node';
import { createDataBrainEmulator, type DataBrainEmulator } from '@oemkit/server/testing';
import { bundleForPage } from './page-bundle.js';

/** The one lifetime the tests mint with: the shortest DataBrain input oemkit accepts. */
export const EXPIRY_TIME = 60_000;

/** DataBrain's component as its package ships it for the browser: the ES build behind `@databrainhq/plugin/web`. */
const pluginScript = () => readFileSync(createRequire(import.meta.url).resolve('@databrainhq/plugin/web'), 'utf8');


// The plugin's ES build reads `process.env.NODE_ENV` at load (React's build switch), which a
// bundler replaces and a bare page lacks: without this it throws a ReferenceError and defines
// nothing. Every fetch the page makes is logged as it is made, as in host-harness.ts.
const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>DataBrain host</title></head>
<body><div id="analytics" style="width:800px;height:500px"></div>
<script>
window.process = { env: { NODE_ENV: 'production' } };
window.events = [];
window.fetched = [];
const pageFetch = window.fetch;
window.fetch = function (input, init) {
  window.fetched.push(input instanceof Request ? input.url : String(input));
  return pageFetch.call(this, input, init);
};
</script>
<script type="module" src="/databrain-plugin.js"></script>
<script src="/oemkit-databrain.js"></script>
</body></html>`;

export interface DataBrainHarness {
  emulator: DataBrainEmulator;
  hostUrl: string;
  close(): Promise<void>;
}

export async function startDataBrainHarness(): Promise<DataBrainHarness> {
  const emulator = createDataBrainEmulator();
  const databrain = await emulator.listen();
  const client = new DataBrainClient({ apiKey: emulator.apiKey, baseUrl: databrain.url, apiVersion: 'v2' });
  const handler = createGuestTokenHandler({
    client,
    authorize: () => ({ clientId: 'acme', dataAppName: 'Sales App', expiryTime: EXPIRY_TIME, params: { userIdentifier: 'ana', dashboard: { id: 'sales-dashboard' } } }),
    rateLimit: false,
  });
  const newServer = toNodeHandler(handler);
  // The same endpoint as it answered before `expiresIn` existed.
  const oldServer = toNodeHandler(async (request: Request) => {
    const answer = await handler(request);
    const { token } = (await answer.json()) as { token: string };
    return Response.json({ token }, { status: answer.status, headers: { 'cache-control': 'no-store' } });
  });
  const [plugin, entry] = [pluginScript(), await bundleForPage(new URL('../../src/databrain.ts', import.meta.url), 'oemkitDataBrain')];
  const host = createServer((req, res) => {
    if (req.url === '/api/databrain-token') return newServer(req, res);
    if (req.url === '/api/databrain-token-old') return oldServer(req, res);
    if (req.url === '/databrain-plugin.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(plugin);
    if (req.url === '/oemkit-databrain.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(entry);
    res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  return {
    emulator,
    hostUrl: `http://127.0.0.1:${(host.address() as { port: number }).port}`,
    async close() {
      host.closeAllConnections();
      await Promise.all([databrain.close(), new Promise((resolve) => host.close(resolve))]);
    },
  };
}
