#!/usr/bin/env node
// Runs apps/worker.js as Cloudflare runs a Worker: bundled with esbuild as wrangler bundles one
// (ES module output, the `workerd`, `worker` and `browser` conditions, nothing external), by
// `wrangler deploy --dry-run`, or by Vite, then served by workerd through miniflare, with the vendor settings as the Worker's
// bindings. Then asks its two endpoints, as the other runtimes' apps do.
// Usage: node worker-host.mjs <app folder> [esbuild|wrangler|vite].
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { locateMatrixNode } from '../node-matrix.mjs';

const app = process.argv[2];
const { askOwnEndpoints } = await import(pathToFileURL(join(app, 'self-check.js')).href);
const fromMatrix = createRequire(fileURLToPath(new URL('../../tools/runtime-matrix/package.json', import.meta.url)));
const { Miniflare } = await import(pathToFileURL(fromMatrix.resolve('miniflare')).href);

/** The Worker as one ES module: bundled as wrangler does (esbuild), by wrangler itself, or by Vite. */
async function bundleWorker(bundler) {
  if (bundler === 'wrangler') {
    // wrangler 4 needs Node 22 or later: the Node 24 of tools/node-matrix runs it.
    const node24 = locateMatrixNode('node-24');
    if (!('binary' in node24)) throw new Error(`wrangler needs the Node 24 of tools/node-matrix: ${'missing' in node24 ? node24.missing : node24.skipped}`);
    const cli = join(dirname(fromMatrix.resolve('wrangler/package.json')), 'bin/wrangler.js');
    const outdir = join(app, 'dist-wrangler');
    const args = [cli, 'deploy', '--dry-run', '--outdir', outdir, '--name', 'oemkit-matrix', '--compatibility-date', '2025-09-01', 'worker.js'];
    // Its banner and upload summary are wrangler's own; only a failure is shown.
    execFileSync(node24.binary, args, { cwd: app, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    return readFileSync(join(outdir, 'worker.js'), 'utf8');
  }
  if (bundler === 'vite') {
    const vite = await import(pathToFileURL(fromMatrix.resolve('vite')).href);
    const output = await vite.build({
      root: app,
      configFile: false,
      logLevel: 'silent',
      resolve: { conditions: ['workerd', 'worker'] },
      ssr: { target: 'webworker', noExternal: true, resolve: { conditions: ['workerd', 'worker'], externalConditions: ['workerd', 'worker'] } },
      build: { ssr: 'worker.js', write: false, target: 'es2022', minify: false, rollupOptions: { output: { format: 'es', codeSplitting: false } } },
    });
    return [output].flat()[0].output[0].code;
  }
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
  return bundle.outputFiles[0].text;
}
const names = ['ASTRATO_URL', 'ASTRATO_CLIENT_ID', 'ASTRATO_CLIENT_SECRET', 'DATABRAIN_URL', 'DATABRAIN_API_KEY'];
const miniflare = new Miniflare({
  modules: true,
  script: await bundleWorker(process.argv[3] ?? 'esbuild'),
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
