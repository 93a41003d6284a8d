// How oemkit measures what a host page pays for @oemkit/browser, shared by the size check
// (scripts/check-size.mjs, with budgets) and the benchmark (bench/browser-size.mjs, beside other
// embed SDKs): which entries, and how they are bundled. Not shipped: the package's files are dist/.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * The syntax target every figure is measured at: es2020, the one issue 10 states its budgets in.
 * It is the floor of what bundlers emit by default: Vite 5 and 6 default `build.target` to
 * 'modules', which they replace with ['es2020', 'edge88', 'firefox78', 'chrome87', 'safari14'].
 * Vite 7 and 8 default to 'baseline-widely-available' (https://vite.dev/config/build-options#build-target),
 * the browsers Baseline calls widely available on a date fixed per major: ['chrome107', 'edge107',
 * 'firefox104', 'safari16'] in Vite 7, ['chrome111', 'edge111', 'firefox114', 'safari16.4', 'ios16.4']
 * in Vite 8 (its ESBUILD_BASELINE_WIDELY_AVAILABLE_TARGET). Those lower less syntax, never more, so
 * a budget met at es2020 is met there too; {@link VITE_8_TARGET} is printed beside it to show it.
 */
export const TARGET = 'es2020';

/** Vite 8's default `build.target`, as it resolves 'baseline-widely-available' (see {@link TARGET}). */
export const VITE_8_TARGET = ['chrome111', 'edge111', 'firefox114', 'safari16.4', 'ios16.4'];

/**
 * What a page imports, one row each. `onTopOf` names the row whose bundle this one contains (the
 * core): its figure is then this bundle minus that one, both minified and gzipped, i.e. the bytes
 * a page that already ships the core pays for the entry in the same chunk, as a bundler ships it.
 * (Bundling the entry with the core external instead would gzip its code without the core's
 * words to refer back to, and need the built chunk names, which tsup hashes.)
 */
export const ENTRIES = [
  { id: 'core', name: 'core embed path (embedDashboard)', source: `export { embedDashboard } from '@oemkit/browser';` },
  { id: 'codec', name: 'filter codec (encodeFilters, decodeFilters)', source: `export { encodeFilters, decodeFilters } from '@oemkit/browser';` },
  {
    id: 'link',
    name: 'embed link (buildEmbedUrl)',
    source: `export { buildEmbedUrl } from '@oemkit/browser';`,
  },
  { id: 'redeem', name: 'redeemTicket alone', source: `export { redeemTicket } from '@oemkit/browser';` },
  {
    id: 'react',
    name: 'React entry, on top of the core',
    source: `export { AstratoDashboard, useAstratoDashboard } from '@oemkit/browser/react';`,
    // The host app ships React itself.
    external: ['react', 'react-dom', 'react/jsx-runtime'],
    onTopOf: 'core',
  },
  {
    id: 'element',
    name: 'custom element, on top of the core',
    source: `export { defineAstratoDashboard } from '@oemkit/browser/element';`,
    onTopOf: 'core',
  },
  // On its own, not on top of the core: a DataBrain page imports no Astrato code.
  { id: 'databrain', name: 'DataBrain embed (embedDataBrain)', source: `export { embedDataBrain } from '@oemkit/browser/databrain';` },
  { id: 'all', name: 'everything in @oemkit/browser', source: `export * from '@oemkit/browser';` },
];

/**
 * Bundles `source` as a bundler ships it for the browser (esbuild, which Vite uses to transform
 * and minify: ESM, minified, tree-shaken, resolved through the exports maps to the built files)
 * and gzips it at level 9. `resolveDir` is where `@oemkit/browser` resolves from.
 */
export async function measure(source, { resolveDir, external = [], target = TARGET }) {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target,
    external,
    tsconfigRaw: {},
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, inputs: Object.keys(result.metafile.inputs) };
}

/**
 * Measures every entry at {@link TARGET} and at {@link VITE_8_TARGET}. An entry that is `onTopOf`
 * another gets the difference.
 */
export async function measureEntries(resolveDir, entries = ENTRIES) {
  const measured = new Map();
  for (const entry of entries) {
    const own = await measure(entry.source, { resolveDir, external: entry.external });
    const vite8 = await measure(entry.source, { resolveDir, external: entry.external, target: VITE_8_TARGET });
    const base = entry.onTopOf ? measured.get(entry.onTopOf) : undefined;
    measured.set(entry.id, {
      ...entry,
      inputs: own.inputs,
      total: own,
      minified: own.minified - (base?.total.minified ?? 0),
      gzipped: own.gzipped - (base?.total.gzipped ?? 0),
      vite8Gzipped: vite8.gzipped - (base?.vite8Total.gzipped ?? 0),
      vite8Total: vite8,
    });
  }
  return [...measured.values()];
}
