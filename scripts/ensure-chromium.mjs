#!/usr/bin/env node
// The browser tests drive a real Chromium. Debian's package is the only browser this machine
// class can install (test tools' own browser downloads are blocked), so install it when missing
// and we are allowed to; otherwise say exactly what to do.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const executable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(executable)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (!isRoot || !hasApt) {
  process.stderr.write(
    `Chromium is needed for the browser tests and was not found at ${executable}.\n` +
      'Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.\n',
  );
  process.exit(1);
}
process.stdout.write('Installing Chromium from Debian packages for the browser tests...\n');
const run = (args) => execFileSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
run(['update']);
run(['install', '-y', '--no-install-recommends', 'chromium']);
process.stdout.write(`Chromium installed at ${executable}.\n`);
