// @ts-check
/**
 * A TCP proxy on 127.0.0.1 that holds every chunk for a fixed time in each direction, so a server
 * started here (a redis-server) looks as far away as one in another region: `delay` ms each way
 * adds `2 × delay` ms to every round trip. Bytes keep their order. It runs in a child process, as
 * a network is outside the client's: a test whose event loop is busy finds the answers that have
 * arrived waiting for it, rather than still held by timers on its own loop. Plain JavaScript, so
 * benchmarks use it as the tests do.
 */
import { fork } from 'node:child_process';

/**
 * @typedef {object} DelayProxy
 * @property {string} host `127.0.0.1`.
 * @property {number} port The proxy's own port: point clients here instead of at the target.
 * @property {number} delay Milliseconds each chunk is held, each way.
 * @property {() => Promise<void>} close Ends the proxy and every connection through it; safe to call twice.
 */

const READY_LIMIT = 10_000;

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
  const child = fork(new URL('./delay-proxy-process.js', import.meta.url), [String(target), String(delay)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const stopOnExit = () => child.kill('SIGKILL');
  process.once('exit', stopOnExit);
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the delay proxy did not start within ${READY_LIMIT} ms`)), READY_LIMIT);
    child.once('message', (/** @type {{ port: number }} */ message) => (clearTimeout(timer), resolve(message.port)));
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`the delay proxy exited (${code}) before listening`))));
  }).catch((error) => {
    stopOnExit();
    process.off('exit', stopOnExit);
    throw error;
  });
  return {
    host: '127.0.0.1',
    port: /** @type {number} */ (port),
    delay,
    close: () => {
      process.off('exit', stopOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}
