// @ts-check
/**
 * The example's server: the page, the custom element bundled for the browser, and a ticket
 * endpoint built on createTicketHandler, against the Astrato emulator from @oemkit/server/testing.
 * `npm start` (or `node src/server.js`) prints the URL to open.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { AstratoClient, createTicketHandler } from '@oemkit/server';
import { toNodeHandler } from '@oemkit/server/node';
import { createAstratoEmulator } from '@oemkit/server/testing';

/**
 * The element as a page without a bundler gets it: @oemkit/browser/element and what it imports in
 * one ES module, as a CDN such as esm.sh or jsDelivr's `+esm` would serve it.
 */
async function bundleElement() {
  const result = await build({
    stdin: { contents: `export * from '@oemkit/browser/element';`, resolveDir: fileURLToPath(new URL('.', import.meta.url)) },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  return /** @type {import('esbuild').OutputFile} */ (result.outputFiles[0]).text;
}

/**
 * Starts the emulator and the example's server.
 * @param {{ port?: number }} [options] port 0 picks a free one
 * @returns {Promise<{ url: string, astratoUrl: string, ticketRequests: () => number, close: () => Promise<void> }>}
 */
export async function startExample(options = {}) {
  const emulator = createAstratoEmulator({ dashboards: { sales: 'Sales overview' } });
  const astrato = await emulator.listen();
  const client = new AstratoClient({ baseUrl: astrato.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret });
  let ticketRequests = 0;
  const tickets = toNodeHandler(
    createTicketHandler({
      client,
      // Your own session decides who the viewer is; this example has one fixed user.
      authorize: () => (ticketRequests++, { email: 'ana@example.com', name: 'Ana', groupNames: ['Viewers'] }),
    }),
  );
  const page = readFileSync(new URL('./index.html', import.meta.url), 'utf8').replaceAll('%ASTRATO_URL%', astrato.url);
  const element = await bundleElement();
  const server = createServer((req, res) => {
    if (req.url === '/api/astrato-ticket') return tickets(req, res);
    if (req.url === '/astrato-dashboard.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(element);
    if (req.url === '/') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined)));
  return {
    url: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`,
    astratoUrl: astrato.url,
    ticketRequests: () => ticketRequests,
    async close() {
      server.closeAllConnections();
      await Promise.all([new Promise((resolve) => server.close(resolve)), astrato.close()]);
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const example = await startExample({ port: Number(process.env.PORT ?? 3000) });
  console.log(`Open ${example.url} (Astrato emulator at ${example.astratoUrl}); Ctrl+C to stop.`);
}
