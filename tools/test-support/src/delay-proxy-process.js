// @ts-check
/**
 * The delay proxy's own process (started by delay-proxy.js): listens on a free port of 127.0.0.1,
 * relays each connection to `127.0.0.1:<target>` holding every chunk `delay` ms each way, and
 * tells its parent the port. In a process of its own, as a network is, the delay does not wait on
 * the test's event loop: a busy test reads an answer that has arrived, instead of one still held.
 * Arguments: `<target port> <delay ms>`.
 */
import { connect, createServer } from 'node:net';

const target = Number(process.argv[2]);
const delay = Number(process.argv[3]);

const server = createServer((client) => {
  const upstream = connect(target, '127.0.0.1');
  relay(client, upstream);
  relay(upstream, client);
});
server.listen(0, '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  process.send?.({ port });
});
// The parent going away ends the proxy too.
process.on('disconnect', () => process.exit(0));

/**
 * Sends what `from` receives to `to`, `delay` ms later, in order (equal timers fire in the order
 * they were set); ends `to` after the chunks still held when `from` ends, and destroys it when
 * `from` fails or closes.
 *
 * @param {import('node:net').Socket} from
 * @param {import('node:net').Socket} to
 */
function relay(from, to) {
  const later = (/** @type {() => void} */ run) => setTimeout(run, delay);
  from.on('data', (chunk) => later(() => to.writable && to.write(chunk)));
  from.once('end', () => later(() => to.end()));
  from.once('error', () => later(() => to.destroy()));
  from.once('close', () => later(() => to.destroy()));
}
