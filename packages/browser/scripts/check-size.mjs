#!/usr/bin/env node
// Bundles what a host page would import from the built package, minified and gzipped, prints the
// figures and fails when a budget is exceeded. Run after `pnpm build`.
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * name, what the page imports, budget in gzipped bytes (undefined: report only). The embed path
 * was 3 KB until every failure it can meet became a typed error with a deadline and a body cap,
 * and recovery a state machine that cannot loop (4.13 KiB then). It measured 4310 B when the
 * timing rule moved to @oemkit/schema/core to be shared with the server; the budget keeps 10 B.
 */
const cases = [
  ['embed path (embedDashboard, setFilters, recovery)', 'embedDashboard', 4320],
  ['filter codec (encodeFilters, decodeFilters)', 'encodeFilters, decodeFilters', 1024],
  ['redeemTicket alone', 'redeemTicket', undefined],
  ['everything in @oemkit/browser', '*', undefined],
];

async function measure(imports) {
  const contents = imports === '*' ? `export * from './dist/index.js';` : `export { ${imports} } from './dist/index.js';`;
  const result = await build({
    stdin: { contents, resolveDir: packageDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.keys(result.metafile.inputs);
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, inputs };
}

let failed = false;
console.log('@oemkit/browser size (esbuild --minify, gzip -9)');
for (const [name, imports, budget] of cases) {
  const { minified, gzipped, inputs } = await measure(imports);
  const forbidden = inputs.filter((input) => /node_modules\/(zod|ky)\//.test(input));
  const over = budget !== undefined && gzipped > budget;
  failed ||= over || forbidden.length > 0;
  const verdict = budget === undefined ? '' : over ? `  OVER budget ${budget} B` : `  ok (budget ${budget} B)`;
  console.log(`  ${name.padEnd(52)} ${String(minified).padStart(6)} B min  ${String(gzipped).padStart(5)} B gzip${verdict}`);
  if (forbidden.length > 0) console.log(`    pulls in ${forbidden.join(', ')}: zod and ky must stay out of the browser`);
}
if (failed) {
  console.error('size check failed');
  process.exit(1);
}
