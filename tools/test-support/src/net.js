// @ts-check
/**
 * Loopback ports for what a test cannot start on port 0 itself: a server in another process that
 * must be told its port (redis-server, `next start`, the README's backend), or an address that must
 * refuse connections. Plain JavaScript, so scripts outside vitest (the release check) use it too.
 */
import { createServer } from 'node:net';

/**
 * A port of 127.0.0.1 that nothing listens on right now: one the system just gave out and took
 * back. Another process can take it before the caller binds it; a caller for whom that matters
 * tries again with another.
 *
 * @example
 * const port = await freePort();
 * spawn('redis-server', ['--port', String(port)]);
 *
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}
