#!/usr/bin/env node
// The release check: what `npm install @oemkit/server` will give a user, tried before it is
// published. Packs the three packages as pnpm publishes them, checks each tarball's manifest
// (no workspace: ranges; only dist, bin, README, CHANGELOG and LICENSE; every export present;
// every dependency imported by the built code and every import declared) and prints the sizes,
// then installs the tarballs with npm into a fresh project outside the workspace and runs there:
// the README's backend and front end against the Astrato emulator (the front end bundled with
// esbuild and loaded in Chromium), tsc with moduleResolution node16 and bundler, a CommonJS
// require and an ESM import of every entry, and the CLI through npx. Run `pnpm build` first.
// `--keep` leaves the project in place and prints where it is.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { launchChromium } from '@oemkit/test-support/chromium';
import { README_SESSION_COOKIE, readmeDashboardProblems, startReadmeApp } from '../examples/readme/src/readme-app.js';
import { SOURCE_CONDITION } from './package-exports.mjs';
import { packTarballs } from './pack-tarballs.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'oemkit-release-check-'));
const keep = process.argv.includes('--keep');
const started = Date.now();
let stepStarted = started;
/** Prints a step's result and how long it took. */
const done = (/** @type {string} */ what) => {
  console.log(`ok  ${what} (${((Date.now() - stepStarted) / 1000).toFixed(1)} s)`);
  stepStarted = Date.now();
};
/** The workspace's version of a tool (as installed in `dir`), so the fresh project gets the same one. */
const versionOf = (/** @type {string} */ name, dir = root) => JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;
/**
 * The environment of a fresh shell: what pnpm set for this script (lifecycle, package, pnpm's own
 * settings) does not leak into npm; a user's own npm_config_* (registry, proxy, cache) stays.
 */
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_(lifecycle|package|command|execpath|node_execpath|config_user_agent|config_verify_deps)|pnpm_)/i.test(name)));

try {
  // 1. Pack and check each tarball's manifest.
  const packed = packTarballs(join(work, 'tarballs'));
  for (const { name, version, tarball } of packed) {
    const unpacked = join(work, 'unpacked', name);
    mkdirSync(unpacked, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked]);
    const files = listFiles(join(unpacked, 'package'));
    const manifestText = readFileSync(join(unpacked, 'package/package.json'), 'utf8');
    checkManifest(name, JSON.parse(manifestText), manifestText, files, join(unpacked, 'package'));
    const bytes = files.reduce((sum, file) => sum + statSync(join(unpacked, 'package', file)).size, 0);
    console.log(`    ${`${name}@${version}`.padEnd(24)} packed ${kB(statSync(tarball).size).padStart(9)}  unpacked ${kB(bytes).padStart(9)}  ${files.length} files`);
  }
  done('tarballs: no workspace: ranges, only dist, bin, README, CHANGELOG and LICENSE, every export present, every dependency imported and declared');

  // 2. A fresh project outside the workspace, installed with npm.
  const app = join(work, 'app');
  mkdirSync(join(app, 'src'), { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'oemkit-release-check', private: true, type: 'module' }, null, 2));
  const tools = ['typescript', '@types/node', 'esbuild'].map((name) => `${name}@${versionOf(name)}`);
  // @oemkit/browser/react needs its optional peer, and tsc its types: the versions the browser package is tested with.
  tools.push(...['react', '@types/react'].map((name) => `${name}@${versionOf(name, join(root, 'packages/browser'))}`));
  npm(app, ['install', '--no-audit', '--no-fund', '--loglevel=error', ...packed.map(({ tarball }) => tarball), ...tools]);
  done(`npm install of the three tarballs, ${tools.join(', ')} in ${app}`);

  // 3. The README's backend and front end against the emulator, as the tarballs run them.
  const fromApp = createRequire(join(app, 'package.json'));
  const { createAstratoEmulator } = fromApp('@oemkit/server/testing');
  const emulator = createAstratoEmulator();
  const astrato = await emulator.listen();
  try {
    const { build } = await import(pathToFileURL(fromApp.resolve('esbuild')).href);
    const readmeApp = await startReadmeApp({ cwd: app, astrato: { url: astrato.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret }, bundle: build });
    const browser = await launchChromium();
    try {
      const context = await browser.newContext();
      await context.addCookies([{ ...README_SESSION_COOKIE, url: readmeApp.hostUrl }]);
      const page = await context.newPage();
      await page.goto(readmeApp.hostUrl);
      assert.deepEqual(await readmeDashboardProblems(page), [], 'the README app from the tarballs');
    } finally {
      await Promise.all([browser.close(), readmeApp.close()]);
    }
    done('the README backend (Node) and front end (esbuild, Chromium) against the emulator');

    // 4. The CLI, by the names the docs give, which can only run this package.
    const cliEnv = { ...env, ASTRATO_URL: astrato.url, ASTRATO_CLIENT_ID: emulator.clientId, ASTRATO_CLIENT_SECRET: emulator.clientSecret };
    assert.match(await npx(app, ['--no', '@oemkit/server', 'help'], cliEnv), /Usage: npx @oemkit\/server <command>/);
    const token = JSON.parse(await npx(app, ['--no', '@oemkit/server', 'token', '--json'], cliEnv));
    assert.ok(token.expiresAt, 'npx @oemkit/server token --json prints the expiry');
    assert.match(await npx(app, ['--no', '--package', '@oemkit/server', 'oemkit', 'ticket', '--email', 'ana@example.com', '--group', 'Viewers'], cliEnv), /[0-9a-f-]{36}/);
    done('npx @oemkit/server help and token, npx -p @oemkit/server oemkit ticket, against the emulator');
  } finally {
    await astrato.close();
  }

  // 5. Every entry, by require and by import.
  const entries = packed.flatMap(({ name }) => {
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules', name, 'package.json'), 'utf8'));
    return Object.keys(manifest.exports).filter((subpath) => subpath !== './package.json').map((subpath) => name + subpath.slice(1));
  });
  const loader = (/** @type {string} */ load) => `
    const entries = ${JSON.stringify(entries)};
    (async () => {
      for (const entry of entries) {
        const module = ${load};
        if (Object.keys(module).length === 0) throw new Error(entry + ' exports nothing');
      }
      console.log(entries.length);
    })().catch((error) => { console.error(error); process.exit(1); });`;
  node(app, ['--input-type=commonjs', '-e', loader('require(entry)')]);
  node(app, ['--input-type=module', '-e', loader('await import(entry)')]);
  done(`require() and import() of every entry: ${entries.join(', ')}`);

  // 6. The types, as a TypeScript user resolves them.
  writeFileSync(join(app, 'src/esm.ts'), typeConsumer(entries, 'esm'));
  writeFileSync(join(app, 'src/cjs.cts'), typeConsumer(entries, 'cjs'));
  // skipLibCheck off: our declaration files are what is checked. ES2022, as a Node 20 project targets.
  const compilerOptions = { strict: true, noEmit: true, skipLibCheck: false, target: 'ES2022', lib: ['ES2022', 'DOM'], types: ['node'] };
  for (const [resolution, module] of [['node16', 'node16'], ['bundler', 'esnext']]) {
    const config = `tsconfig.${resolution}.json`;
    const files = resolution === 'node16' ? ['src/esm.ts', 'src/cjs.cts'] : ['src/esm.ts'];
    writeFileSync(join(app, config), JSON.stringify({ compilerOptions: { ...compilerOptions, module, moduleResolution: resolution }, files }, null, 2));
    node(app, [fromApp.resolve('typescript/bin/tsc'), '-p', config]);
  }
  done('tsc --noEmit with moduleResolution node16 (ESM and CommonJS files) and bundler');

  console.log(`release check passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

/**
 * Fails when a packed manifest could not install or would install more than the code needs.
 * @param {string} name
 * @param {Record<string, any>} manifest
 * @param {string} manifestText
 * @param {string[]} files
 * @param {string} dir
 */
function checkManifest(name, manifest, manifestText, files, dir) {
  assert.doesNotMatch(manifestText, /workspace:/, `${name}: a workspace: range would fail to install (EUNSUPPORTEDPROTOCOL)`);
  const unexpected = files.filter((file) => !/^(dist\/.+|bin\/[^/]+|README\.md|CHANGELOG\.md|LICENSE|package\.json)$/.test(file));
  assert.deepEqual(unexpected, [], `${name}: files beyond dist, bin, README, CHANGELOG and LICENSE`);
  for (const required of ['README.md', 'CHANGELOG.md', 'LICENSE']) assert.ok(files.includes(required), `${name}: no ${required}`);
  // Every file the exports map and bin name, except the source condition, which only this
  // repository's tools set.
  const targets = [...exportTargets(manifest.exports), ...Object.values(manifest.bin ?? {})].map((target) => target.replace(/^\.\//, ''));
  const missing = targets.filter((target) => target !== 'package.json' && !files.includes(target));
  assert.deepEqual(missing, [], `${name}: exported files missing from the tarball`);
  // Bare imports of the built code (types included; comments, which hold @example code, left out)
  // against the declared dependencies.
  const imported = new Set();
  for (const file of files.filter((f) => /\.(c?js|d\.c?ts)$/.test(f))) {
    const code = readFileSync(join(dir, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const [, specifier = ''] of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)["']([^"'./][^"']*)["']/gm)) {
      const packageName = specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
      if (!specifier.startsWith('node:') && !builtinModules.includes(packageName) && packageName !== name) imported.add(packageName);
    }
  }
  const declared = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  assert.deepEqual(declared.filter((dependency) => !imported.has(dependency)), [], `${name}: dependencies the built code never imports`);
  assert.deepEqual([...imported].filter((dependency) => !declared.includes(dependency)), [], `${name}: imports without a dependency`);
}

/** @returns {string[]} every file target in an exports map, outside the source condition */
function exportTargets(/** @type {unknown} */ target) {
  if (typeof target === 'string') return [target];
  if (!target || typeof target !== 'object') return [];
  return Object.entries(target).flatMap(([key, value]) => (key === SOURCE_CONDITION ? [] : exportTargets(value)));
}

/** A file that imports every entry and uses its types, for the ESM or the CommonJS resolution. */
function typeConsumer(/** @type {string[]} */ entries, /** @type {'esm' | 'cjs'} */ kind) {
  const imports = entries.map((entry, index) => (kind === 'esm' ? `import * as entry${index} from '${entry}';` : `import entry${index} = require('${entry}');`));
  return `${imports.join('\n')}
import type { AstratoClientOptions, TicketHandlerOptions } from '@oemkit/server';
import type { EmbedOptions, OemkitError } from '@oemkit/browser';
import type { FilterParameterInput } from '@oemkit/schema';

export const entries = [${entries.map((_, index) => `entry${index}`).join(', ')}];
const server = entries[${entries.indexOf('@oemkit/server')}] as typeof import('@oemkit/server');
const options: AstratoClientOptions = { clientId: 'id', clientSecret: 'secret', baseUrl: 'https://app.astrato.io' };
export const client = new server.AstratoClient(options);
export const handler: (request: Request) => Promise<Response> = server.createTicketHandler({ client, authorize: () => null } satisfies TicketHandlerOptions);
export const embed: Partial<EmbedOptions> = { baseUrl: 'https://app.astrato.io', ticketUrl: '/api/astrato-ticket' };
export const parameter: FilterParameterInput = 'ACME-001';
export const code = (error: OemkitError): string => error.code;
`;
}

/** Every file under `dir`, as paths relative to it. */
function listFiles(/** @type {string} */ dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

function npm(/** @type {string} */ cwd, /** @type {string[]} */ args) {
  return execFileSync('npm', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs npx without blocking: the emulator answering it lives in this process. */
async function npx(/** @type {string} */ cwd, /** @type {string[]} */ args, /** @type {NodeJS.ProcessEnv} */ withEnv) {
  try {
    return (await promisify(execFile)('npx', args, { cwd, env: withEnv, encoding: 'utf8' })).stdout;
  } catch (error) {
    const failed = /** @type {{ stdout?: string, stderr?: string }} */ (error);
    throw new Error(`npx ${args.join(' ')} failed:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`);
  }
}

function node(/** @type {string} */ cwd, /** @type {string[]} */ args) {
  try {
    return execFileSync(process.execPath, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failed = /** @type {{ stdout?: string, stderr?: string }} */ (error);
    throw new Error(`node ${args.join(' ').slice(0, 80)} failed:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`);
  }
}

function kB(/** @type {number} */ bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
