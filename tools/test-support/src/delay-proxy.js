// @ts-check
/**
 * A TCP proxy on 127.0.0.1 that holds every chunk for a fixed time in each direction, so a server
 * started here (a redis-server) looks as far away as one in another region: `delay` ms each way
 * adds `2 × delay` ms to every round trip. Bytes keep their order (every chunk of a direction
 * waits the same time, and equal timers fire in the order they were set); a side that closes or
 * fails closes the other once what it sent has been delivered. Plain JavaScript, so benchmarks use
 * it as the tests do.
 */
import { connect, createServer } from 'node:net';

/**
 * @typedef {object} DelayProxy
 * @property {string} host `127.0.0.1`.
 * @property {number} port The proxy's own port: point clients here instead of at the target.
 * @property {number} delay Milliseconds each chunk is held, each way.
 * @property {() => Promise<void>} close Stops listening and ends every connection through it.
 */

/**
 * Starts a proxy in front of `127.0.0.1:<target>` on a free port.
 *
 * @example
 * const redis = await startRedisServer();
 * const far = await startDelayProxy(redis.port, 60); // 120 ms more per round trip
 * const store = new Keyv(new KeyvRedis(`redis://127.0.0.1:${far.port}`));
 * await far.close();
 *
 * @param {number} target The port to forward to, on 127.0.0.1.
 * @param {number} delay Milliseconds to hold each chunk, each way (0 or more).
 * @returns {Promise<DelayProxy>}
 */
export async function startDelayProxy(target, delay) {
  if (!Number.isInteger(target) || target <= 0) throw new TypeError(`target must be a port number, got ${target}`);
  if (!Number.isFinite(delay) || delay < 0) throw new TypeError(`delay must be 0 or more milliseconds, got ${delay}`);
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  const server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    }
    relay(client, upstream, delay);
    relay(upstream, client, delay);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    host: '127.0.0.1',
    port,
    delay,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Sends what `from` receives to `to`, `delay` ms later; ends `to` (after the chunks still held)
 * when `from` ends, and destroys it when `from` fails.
 *
 * @param {import('node:net').Socket} from
 * @param {import('node:net').Socket} to
 * @param {number} delay
 */
function relay(from, to, delay) {
  const later = (/** @type {() => void} */ run) => setTimeout(run, delay);
  from.on('data', (chunk) => later(() => to.writable && to.write(chunk)));
  from.once('end', () => later(() => to.end()));
  from.once('error', () => later(() => to.destroy()));
  from.once('close', () => later(() => to.destroy()));
}
