#!/usr/bin/env node
// The shared-store tests (the fleet's m2m token, limits across processes) run against a real
// redis-server, started by the tests on 127.0.0.1. Debian's package is what this machine class
// can install, so install it when missing and we are allowed to; otherwise say exactly what to do.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const executable = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';
if (existsSync(executable)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (process.env.REDIS_SERVER_PATH !== undefined || !isRoot || !hasApt) {
  process.stderr.write(
    `redis-server is needed for the shared token store tests and was not found at ${executable}.\n` +
      'Install it (Debian/Ubuntu: sudo apt-get install -y redis-server) or set REDIS_SERVER_PATH to a redis-server (or valkey-server) binary.\n',
  );
  process.exit(1);
}
process.stdout.write('Installing redis-server from Debian packages for the shared token store tests...\n');
const run = (args) => execFileSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
run(['update']);
run(['install', '-y', '--no-install-recommends', 'redis-server']);
// The package starts a system-wide server on port 6379 where an init system runs; the tests never
// use it (each starts its own on a free port), so it is left as the package set it up.
process.stdout.write(`redis-server installed at ${executable}.\n`);
