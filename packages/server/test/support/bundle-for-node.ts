/**
 * Child Node processes cannot load the TypeScript sources the tests run on: this bundles a test
 * support script with them into a directory, to run with plain `node`.
 */
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { SOURCE_CONDITION } from '../../../../scripts/package-exports.mjs';

/** Bundles `entry` (a URL of a .ts file) into `outdir` and returns the path of the .mjs to run. */
export async function bundleForNode(entry: URL, outdir: string): Promise<string> {
  const source = fileURLToPath(entry);
  await build({
    entryPoints: [source],
    outdir,
    outExtension: { '.js': '.mjs' },
    // In chunks: the emulator imports the Node adapter lazily, and in one file esbuild would defer
    // the modules it shares with the eager path and read their constants before they are set.
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: [SOURCE_CONDITION],
    // The Redis clients (ioredis, @redis/client's dependencies) are CommonJS and require() Node's
    // built-ins: an ES module bundle needs a require for them.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  return join(outdir, basename(source).replace(/\.ts$/, '.mjs'));
}
