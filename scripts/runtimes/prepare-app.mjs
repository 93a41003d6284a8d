// A fresh project outside the workspace with nothing but the packed tarballs installed by npm
// (and what they depend on), the apps of apps/ copied in, and the frameworks of
// tools/runtime-matrix linked beside them. No @opentelemetry/api until addOpenTelemetry: the
// bundles must build without it, and again with it.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packTarballs } from '../pack-tarballs.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** The frameworks the apps import, from tools/runtime-matrix. */
export const FRAMEWORKS = ['express', 'fastify', 'hono'];
/** A package's folder in tools/runtime-matrix (by path: hono's exports map hides its package.json). */
export const matrixPackage = (name) => join(root, 'tools/runtime-matrix/node_modules', name);

/**
 * The environment of a fresh shell: what pnpm set for this script does not leak into npm or the
 * runtimes; a user's own npm_config_* (registry, proxy, cache) stays.
 */
export const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_(lifecycle|package|command|execpath|node_execpath|config_user_agent|config_verify_deps)|pnpm_)/i.test(name)));

/** Packs, installs and copies into `work/app`; returns the app's folder. */
export function prepareApp(work) {
  const packed = packTarballs(join(work, 'tarballs'));
  const app = join(work, 'app');
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'oemkit-runtime-matrix-app', private: true, type: 'module' }, null, 2));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...packed.map(({ tarball }) => tarball)], {
    cwd: app,
    env: cleanEnv(),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (existsSync(join(app, 'node_modules/@opentelemetry/api'))) throw new Error('@opentelemetry/api was installed with the tarballs: the matrix must run without it');
  cpSync(fileURLToPath(new URL('apps', import.meta.url)), app, { recursive: true });
  // Linked after npm install, which would prune what it did not install. Node, Bun and Deno follow
  // the link to the package's real folder, where its own dependencies are.
  for (const name of FRAMEWORKS) symlinkSync(realpathSync(matrixPackage(name)), join(app, 'node_modules', name), 'dir');
  return { app, packed };
}

/**
 * Installs the OpenTelemetry API and SDK in the app, for the runs that must work with them too:
 * linked from @oemkit/server's devDependencies, the versions its tracing tests use.
 */
export function addOpenTelemetry(app) {
  mkdirSync(join(app, 'node_modules/@opentelemetry'), { recursive: true });
  for (const name of ['@opentelemetry/api', '@opentelemetry/sdk-trace-base']) {
    symlinkSync(realpathSync(join(root, 'packages/server/node_modules', name)), join(app, 'node_modules', name), 'dir');
  }
}
