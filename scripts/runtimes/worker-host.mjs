#!/usr/bin/env node
// Runs apps/worker.js as Cloudflare runs a Worker: bundled with esbuild as wrangler bundles one
// (ES module output, the `workerd`, `worker` and `browser` conditions, nothing external), then
// served by workerd through miniflare, with the vendor settings as the Worker's bindings. Then asks
// its two endpoints, as the other runtimes' apps do. Usage: node worker-host.mjs <app folder>.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const app = process.argv[2];
const { askOwnEndpoints } = await import(pathToFileURL(join(app, 'self-check.js')).href);
const fromMatrix = createRequire(fileURLToPath(new URL('../../tools/runtime-matrix/package.json', import.meta.url)));
const { Miniflare } = await import(pathToFileURL(fromMatrix.resolve('miniflare')).href);

const bundle = await build({
  entryPoints: [join(app, 'worker.js')],
  absWorkingDir: app,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'neutral',
  conditions: ['workerd', 'worker', 'browser'],
  mainFields: ['browser', 'module', 'main'],
  write: false,
  logLevel: 'silent',
});
const names = ['ASTRATO_URL', 'ASTRATO_CLIENT_ID', 'ASTRATO_CLIENT_SECRET', 'DATABRAIN_URL', 'DATABRAIN_API_KEY'];
const miniflare = new Miniflare({
  modules: true,
  script: bundle.outputFiles[0].text,
  compatibilityDate: '2025-09-01',
  bindings: Object.fromEntries(names.map((name) => [name, process.env[name]])),
  host: '127.0.0.1',
  port: 0,
});
try {
  const url = await miniflare.ready;
  await askOwnEndpoints(url.origin);
} finally {
  await miniflare.dispose();
}
