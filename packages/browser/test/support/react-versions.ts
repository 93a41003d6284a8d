/**
 * The two React versions the React entry is tested on, and esbuild bundles of a test's code built
 * against either. React 19 is the workspace's `react`; React 18 is installed under the npm aliases
 * `react-18` and `react-dom-18`, which a bundle is pointed at with esbuild's `alias` (it applies to
 * every import, React DOM's own `require('react')` included, and resolves from this package).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { SOURCE_CONDITION } from '../../../../scripts/package-exports.mjs';

export const REACT_VERSIONS = [18, 19] as const;
export type ReactVersion = (typeof REACT_VERSIONS)[number];

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles `entry` (a path relative to packages/browser) with React `version`, oemkit from source.
 * Not minified, so React runs its development build, where StrictMode mounts every effect twice.
 */
export async function bundleWithReact(entry: string, version: ReactVersion, options: BuildOptions = {}): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: packageDir,
    bundle: true,
    write: false,
    target: 'es2022',
    conditions: [SOURCE_CONDITION],
    alias: version === 18 ? { react: 'react-18', 'react-dom': 'react-dom-18' } : {},
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
    ...options,
  });
  return result.outputFiles![0]!.text;
}

/** The React version a bundle actually runs, as `React.version` reports it (`18.3.1`, `19.x`). */
export const majorOf = (reactVersion: string) => Number(reactVersion.split('.')[0]);

/**
 * `entry` bundled with React `version` for Node and loaded as Node loads CommonJS (React's server
 * renderer requires Node built-ins, which an ES module bundle could not). Each call bundles afresh.
 */
export async function loadInNode<T>(entry: string, version: ReactVersion): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'oemkit-react-'));
  try {
    const file = join(dir, `bundle-${version}.cjs`);
    writeFileSync(file, await bundleWithReact(entry, version, { format: 'cjs', platform: 'node' }));
    return createRequire(import.meta.url)(file) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
