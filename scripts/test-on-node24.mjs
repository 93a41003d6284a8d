#!/usr/bin/env node
// `pnpm test:node24`: the unit projects (`pnpm test:unit`) run by Node 24, the newest Node the
// packages promise, whatever Node started pnpm. The built packages already run on Node 24 in
// `pnpm test:built`; this runs the tests of the sources there too, so a change Node 24 treats
// differently (its undici, its fetch, its streams, its warnings) fails here and not for a user.
// Node 24 is tools/node-matrix's (scripts/node-matrix.mjs). It goes first on PATH, where pnpm and
// vitest's bin look up `node`; the vitest summary line, which names the Node that ran it, must
// then say v24, so a PATH that led elsewhere fails instead of passing on another Node.
import { execFileSync, spawn } from 'node:child_process';
import { delimiter, dirname } from 'node:path';
import { MATRIX_NODES, locateMatrixNode } from './node-matrix.mjs';

const expected = MATRIX_NODES['node-24'];
const node24 = locateMatrixNode('node-24');
if ('skipped' in node24) {
  console.log(`test:node24 skipped: ${node24.skipped}`);
  process.exit(0);
}
if ('missing' in node24) {
  console.error(`test:node24 FAIL  ${node24.missing}`);
  process.exit(1);
}

const env = { ...process.env, PATH: `${dirname(node24.binary)}${delimiter}${process.env.PATH ?? ''}` };
const onPath = execFileSync('node', ['--version'], { env, encoding: 'utf8' }).trim();
if (!onPath.startsWith(expected)) {
  console.error(`test:node24 FAIL  node on the prepared PATH is ${onPath}, not ${expected}x`);
  process.exit(1);
}

// The pnpm running this script when there is one (as scripts/pack-tarballs.mjs does), run by Node 24.
const execPath = process.env.npm_execpath;
const [command, ...prefix] = execPath?.includes('pnpm') ? [node24.binary, execPath] : ['pnpm'];
const child = spawn(command, [...prefix, 'run', 'test:unit'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
let output = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  output += chunk;
});
const status = await new Promise((resolve) => child.on('close', resolve));
// scripts/vitest/summary-reporter.ts ends every run with `N passed, N failed, N skipped on Node vX`.
const ranOn = /passed, \d+ failed, \d+ skipped on Node (v\S+)/.exec(output)?.[1];
if (status === 0 && !ranOn?.startsWith(expected)) {
  console.error(`test:node24 FAIL  vitest ran on ${ranOn ?? 'a Node it did not name'}, not ${expected}x`);
  process.exit(1);
}
process.exit(status ?? 1);
