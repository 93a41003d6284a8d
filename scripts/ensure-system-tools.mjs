#!/usr/bin/env node
// The tests run programs that come from the system rather than from npm: a real Chromium and a real
// redis-server (the table is tools/test-support/src/system-tools.js). Debian's packages are what this
// machine class can install, so install the missing ones, after one apt-get update, when we are
// allowed to; otherwise say exactly what to do. A missing binary that a variable names is the
// user's choice of binary, not ours to replace with Debian's: we only say so.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { SYSTEM_TOOLS, toolPath } from '@oemkit/test-support/system-tools';

const missing = SYSTEM_TOOLS.filter((tool) => !existsSync(toolPath(tool)));
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
const refused = missing.filter((tool) => process.env[tool.env] !== undefined || !isRoot || !hasApt);
for (const tool of refused) {
  process.stderr.write(
    `${tool.name} is needed for ${tool.neededFor} and was not found at ${toolPath(tool)}.\n` +
      `Install it (Debian/Ubuntu: sudo apt-get install -y ${tool.debianPackage}) or set ${tool.env} to ${tool.stands}.\n`,
  );
}
if (refused.length > 0) process.exit(1);

process.stdout.write(`Installing ${missing.map((tool) => `${tool.name} for ${tool.neededFor}`).join(' and ')} from Debian packages...\n`);
const run = (args) => execFileSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
run(['update']);
run(['install', '-y', '--no-install-recommends', ...missing.map((tool) => tool.debianPackage)]);
for (const tool of missing) process.stdout.write(`${tool.name} installed at ${toolPath(tool)}.\n`);
