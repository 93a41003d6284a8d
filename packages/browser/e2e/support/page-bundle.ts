import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { SOURCE_CONDITION } from '../../../../scripts/package-exports.mjs';

/**
 * An entry of the browser package as a page gets it: one IIFE exposing `window[globalName]`,
 * bundled from the sources (and @oemkit/schema's, through the exports maps' source condition).
 */
export async function bundleForPage(entry: URL, globalName: string): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    format: 'iife',
    globalName,
    platform: 'browser',
    target: 'es2022',
    write: false,
    conditions: [SOURCE_CONDITION],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
