#!/usr/bin/env node
// The runtime matrix: every server runtime docs/frameworks.md names, run from the packed tarballs
// with nothing else installed (prepare-app.mjs), each minting an Astrato ticket and a DataBrain
// guest token against the emulators on 127.0.0.1: a Cloudflare Worker on workerd (miniflare;
// bundled with esbuild as wrangler does, by `wrangler deploy --dry-run` and by Vite), Deno
// (Deno.serve), Bun (Bun.serve, and Hono bundled by `bun build`), Node with Express 5 and with
// Fastify 5; then the bundles again with @opentelemetry/api installed, and Node with a provider
// registered, whose spans must be recorded. Next.js is examples/nextjs's e2e test. A runtime
// passes when its app printed nothing but its answers (no warning), the ticket redeems at the
// emulator and the guest token is one the emulator issued. Prints one line per runtime (name,
// version, result, seconds). Run `pnpm build` first; `--keep` leaves the project in place.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addOpenTelemetry, cleanEnv, matrixPackage, prepareApp } from './prepare-app.mjs';
import { recipesMissingFromDocs } from './recipes-in-docs.mjs';

const started = Date.now();
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);
const versionOf = (name) => JSON.parse(readFileSync(join(matrixPackage(name), 'package.json'), 'utf8')).version;
// The binaries the deno and bun packages' postinstall put in place from their platform packages.
const deno = join(matrixPackage('deno'), 'deno');
const bun = join(matrixPackage('bun'), 'bin/bun.exe');
// miniflare's own workerd: its sibling in pnpm's store.
const workerd = join(dirname(realpathSync(matrixPackage('miniflare'))), 'workerd/package.json');
const workerHost = fileURLToPath(new URL('worker-host.mjs', import.meta.url));

/**
 * Each runtime: its name and version, and the commands that run its app in the app's folder.
 * `withOpenTelemetry` runs come after the others, once the API and SDK are installed in the app.
 */
const workerdVersion = `${JSON.parse(readFileSync(workerd, 'utf8')).version}, miniflare ${versionOf('miniflare')}`;
const bunHonoVersion = `${versionOf('bun')}, hono ${versionOf('hono')}`;
const bunHono = () => [[bun, 'build', 'bun-hono.js', '--target=bun', '--outfile=dist/bun-hono.js'], [bun, 'dist/bun-hono.js']];
const runtimes = [
  { name: 'workerd (Cloudflare Workers)', version: workerdVersion, steps: (app) => [[process.execPath, workerHost, app]] },
  { name: 'workerd, built by wrangler', version: `${workerdVersion.split(',')[0]}, wrangler ${versionOf('wrangler')}`, steps: (app) => [[process.execPath, workerHost, app, 'wrangler']] },
  { name: 'workerd, built by Vite', version: `${workerdVersion.split(',')[0]}, vite ${versionOf('vite')}`, steps: (app) => [[process.execPath, workerHost, app, 'vite']] },
  { name: 'deno (Deno.serve)', version: versionOf('deno'), steps: () => [[deno, 'run', '--unstable-no-legacy-abort', '--allow-net', '--allow-env', '--allow-read', 'deno.js']] },
  { name: 'bun (Bun.serve)', version: versionOf('bun'), steps: () => [[bun, 'bun.js']] },
  { name: 'bun + hono (bun build)', version: bunHonoVersion, steps: bunHono },
  { name: 'node + express', version: `${process.version}, express ${versionOf('express')}`, steps: () => [[process.execPath, 'express.js']] },
  { name: 'node + fastify', version: `${process.version}, fastify ${versionOf('fastify')}`, steps: () => [[process.execPath, 'fastify.js']] },
  { name: 'workerd, @opentelemetry/api installed', version: workerdVersion, withOpenTelemetry: true, steps: (app) => [[process.execPath, workerHost, app]] },
  { name: 'workerd by wrangler, @opentelemetry/api in', version: `${workerdVersion.split(',')[0]}, wrangler ${versionOf('wrangler')}`, withOpenTelemetry: true, steps: (app) => [[process.execPath, workerHost, app, 'wrangler']] },
  { name: 'workerd by Vite, @opentelemetry/api in', version: `${workerdVersion.split(',')[0]}, vite ${versionOf('vite')}`, withOpenTelemetry: true, steps: (app) => [[process.execPath, workerHost, app, 'vite']] },
  { name: 'bun + hono, @opentelemetry/api installed', version: bunHonoVersion, withOpenTelemetry: true, steps: bunHono },
  { name: 'node, OpenTelemetry SDK registered', version: `${process.version}, spans recorded`, withOpenTelemetry: true, steps: () => [[process.execPath, 'otel-node.js']] },
];

const missing = recipesMissingFromDocs();
if (missing.length > 0) {
  console.log(`FAIL  docs/frameworks.md does not show these recipes as apps/ runs them: ${missing.join(', ')}`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'oemkit-runtime-matrix-'));
let failed = 0;
try {
  const { app } = prepareApp(work);
  console.log(`tarballs packed and installed with npm in ${app} (${seconds(started)} s); recipes match docs/frameworks.md`);
  const fromApp = createRequire(join(app, 'package.json'));
  const { createAstratoEmulator, createDataBrainEmulator } = await import(fromApp.resolve('@oemkit/server/testing'));
  const astrato = createAstratoEmulator();
  const databrain = createDataBrainEmulator();
  const [astratoServer, databrainServer] = await Promise.all([astrato.listen(), databrain.listen()]);
  const env = {
    ...cleanEnv(),
    PORT: '0',
    NO_COLOR: '1',
    DENO_DIR: join(work, 'deno-cache'),
    DENO_NO_UPDATE_CHECK: '1',
    ASTRATO_URL: astratoServer.url,
    ASTRATO_CLIENT_ID: astrato.clientId,
    ASTRATO_CLIENT_SECRET: astrato.clientSecret,
    DATABRAIN_URL: databrainServer.url,
    DATABRAIN_API_KEY: databrain.apiKey,
  };
  try {
    for (const runtime of [...runtimes.filter((each) => !each.withOpenTelemetry), 'add', ...runtimes.filter((each) => each.withOpenTelemetry)]) {
      if (runtime === 'add') {
        addOpenTelemetry(app);
        continue;
      }
      const runtimeStarted = Date.now();
      const problem = await check(runtime.steps(app), app, env, astratoServer.url, databrain);
      if (problem) failed++;
      console.log(`${runtime.name.padEnd(44)} ${runtime.version.padEnd(38)} ${problem ? `FAIL  ${problem}` : 'pass  ticket and guest token, no warning'} (${seconds(runtimeStarted)} s)`);
    }
  } finally {
    await Promise.all([astratoServer.close(), databrainServer.close()]);
  }
  console.log(`${'nextjs'.padEnd(44)} ${'examples/nextjs'.padEnd(38)} covered by its own e2e test (examples/nextjs/e2e)`);
} finally {
  if (process.argv.includes('--keep')) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
console.log(`${runtimes.length - failed} passed, ${failed} failed (${seconds(started)} s)`);
process.exit(failed > 0 ? 1 : 0);

/** Runs the steps in order; returns what went wrong, or `undefined` when the app passed. */
async function check(steps, cwd, env, astratoUrl, databrain) {
  let output;
  for (const [command, ...args] of steps) {
    output = await run(command, args, cwd, env);
    if (output.code !== 0) return `${[command, ...args].join(' ')} exited ${output.code}\n${output.stdout}${output.stderr}`;
    // A bundler's summary is its own; only the app's run must print nothing but its answers.
    if (args[0] === 'build') continue;
    if (output.stderr !== '') return `printed on stderr:\n${output.stderr}`;
  }
  const lines = output.stdout.trim().split('\n');
  if (lines.length !== 1) return `printed more than its answers:\n${output.stdout}`;
  let answers;
  try {
    answers = JSON.parse(lines[0]);
  } catch {
    return `printed something else than its answers:\n${output.stdout}`;
  }
  const { ticket, guestToken } = answers;
  if (ticket.status !== 200) return `ticket endpoint answered ${ticket.status} ${ticket.body}`;
  if (guestToken.status !== 200) return `guest-token endpoint answered ${guestToken.status} ${guestToken.body}`;
  const { ticketId } = JSON.parse(ticket.body);
  const redeemed = await fetch(`${astratoUrl}/auth/proxy/oem/ticket/${ticketId}?embed`, { redirect: 'manual' });
  if (redeemed.status !== 200) return `the ticket did not redeem at the emulator (${redeemed.status})`;
  const { token } = JSON.parse(guestToken.body);
  if (!databrain.tokens().some((issued) => issued.token === token)) return 'the guest token is not one the emulator issued';
  return undefined;
}

function run(command, args, cwd, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    // A runtime that hangs fails its line instead of the whole matrix.
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', (error) => (stderr += String(error)));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
