// @ts-check
/**
 * A real redis-server for tests and benchmarks, started on 127.0.0.1 on a free port, with nothing
 * written to disk, and stopped after. Debian's package (scripts/ensure-system-tools.mjs installs it) or
 * the binary named by `REDIS_SERVER_PATH` (valkey-server works too). Plain JavaScript, so bench
 * scripts and child processes use it as the tests do.
 *
 * `kill()` ends the server abruptly (an outage: clients see their connection drop) and
 * `restart()` brings it back, empty, on the same port (the clients' configured address).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { freePort } from './net.js';
import { redisServerPath } from './system-tools.js';

export { redisServerPath };

const READY_LIMIT = 10_000;
const PORT_ATTEMPTS = 3;

/**
 * @typedef {object} RunningRedis
 * @property {string} url `redis://127.0.0.1:<port>`, for `@keyv/redis` and ioredis.
 * @property {number} port
 * @property {() => Promise<void>} kill Ends the server at once (SIGKILL), as a crash or a lost host would.
 * @property {() => Promise<void>} restart Starts it again on the same port, empty; resolves once it answers,
 *   and rejects if another server took the port meanwhile.
 * @property {() => Promise<void>} stop Ends it for good; safe to call twice.
 */

/**
 * Starts a redis-server on a free port of 127.0.0.1 and waits until it answers, as itself.
 *
 * @returns {Promise<RunningRedis>}
 */
export async function startRedisServer() {
  if (!existsSync(redisServerPath)) {
    throw new Error(`redis-server not found at ${redisServerPath}: run node scripts/ensure-system-tools.mjs, or set REDIS_SERVER_PATH`);
  }
  let lastError;
  // Another process can take the free port between our check and redis binding it: try another.
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    const port = await freePort();
    try {
      let child = await launch(port);
      const stopOnExit = () => child.kill('SIGKILL');
      process.once('exit', stopOnExit);
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        kill: () => end(child, 'SIGKILL'),
        async restart() {
          await end(child, 'SIGKILL');
          child = await launch(port);
        },
        async stop() {
          process.off('exit', stopOnExit);
          await end(child, 'SIGTERM');
        },
      };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** @param {number} port */
async function launch(port) {
  const child = spawn(
    redisServerPath,
    // No snapshot, no append-only file: nothing of a test's data reaches the disk.
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tmpdir(), '--loglevel', 'warning'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2_000)));
  /** @type {Promise<never>} */
  const exited = new Promise((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`redis-server exited (${signal ?? code}) before answering: ${stderr.trim()}`)));
  });
  exited.catch(() => {});
  const deadline = Date.now() + READY_LIMIT;
  // Asked who answers, not just whether something does: between a kill and a restart, or between
  // finding the port free and binding it, another server (another test file's redis) can take the
  // port, and a PING would take its answer for ours.
  while (!(await answersAs(port, /** @type {number} */ (child.pid)))) {
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 25))]);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer PING on port ${port} within ${READY_LIMIT} ms`);
    }
  }
  return child;
}

/**
 * @param {import('node:child_process').ChildProcess} child
 * @param {NodeJS.Signals} signal
 * @returns {Promise<void>}
 */
function end(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/**
 * Whether the server on `port` is ready and is the process `pid`: its `INFO server` names its
 * `process_id` (redis and valkey both), and a server still loading answers an error instead.
 *
 * @param {number} port
 * @param {number} pid
 * @returns {Promise<boolean>}
 */
function answersAs(port, pid) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const done = (/** @type {boolean} */ ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
    socket.once('connect', () => socket.write('INFO server\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk;
      if (!answer.startsWith('$')) {
        if (answer.includes('\r\n')) done(false);
        return;
      }
      const id = /\r\nprocess_id:(\d+)\r\n/.exec(answer);
      if (id) done(Number(id[1]) === pid);
      else if (answer.length > 64 * 1024) done(false);
    });
  });
}
