// @ts-check
/**
 * The backend: one ticket endpoint, built on createTicketHandler, configured only from the
 * environment `oemkit emulator` prints (ASTRATO_URL, ASTRATO_CLIENT_ID, ASTRATO_CLIENT_SECRET).
 * Point the same variables at your tenant and nothing else changes.
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { AstratoClient, createTicketHandler } from '@oemkit/server';
import { toNodeHandler } from '@oemkit/server/node';

/**
 * Starts the backend.
 * @param {{ env?: Record<string, string | undefined>, port?: number }} [options] port 0 picks a free one
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startBackend({ env = process.env, port = 3001 } = {}) {
  const client = new AstratoClient({ baseUrl: env.ASTRATO_URL, clientId: env.ASTRATO_CLIENT_ID ?? '', clientSecret: env.ASTRATO_CLIENT_SECRET ?? '' });
  // Your own session decides who the viewer is; this example has one fixed user.
  const tickets = toNodeHandler(createTicketHandler({ client, authorize: () => ({ email: 'ana@example.com', name: 'Ana', groupNames: ['Viewers'] }) }));
  const server = createServer((req, res) => (req.url === '/api/astrato-ticket' ? tickets(req, res) : res.writeHead(404).end()));
  await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
  return {
    url: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const backend = await startBackend({ port: Number(process.env.PORT ?? 3001) });
  console.log(`Backend at ${backend.url}; Ctrl+C to stop.`);
}
