// What the host page pays: every entry of @oemkit/browser that the size check measures, beside
// other embed SDKs, all bundled the same way (esbuild, minified, ESM for the browser, es2020: see
// packages/browser/scripts/bundle-size.mjs for why that target) and gzipped at level 9.
import { ENTRIES, TARGET, measure, measureEntries } from '../packages/browser/scripts/bundle-size.mjs';
import { printTable } from './stats.mjs';

const PEERS = [
  ['@superset-ui/embedded-sdk (embedDashboard)', `export { embedDashboard } from '@superset-ui/embedded-sdk';`],
  ['@looker/embed-sdk (getEmbedSDK)', `export { getEmbedSDK } from '@looker/embed-sdk';`],
  ['powerbi-client (service)', `import * as pbi from 'powerbi-client'; export const service = pbi.service;`],
];

const kib = (bytes) => (bytes / 1024).toFixed(2);
const rows = [];
for (const entry of await measureEntries(import.meta.dirname, ENTRIES)) {
  const name = `@oemkit/browser: ${entry.name}`;
  rows.push([name, kib(entry.minified), kib(entry.gzipped)]);
}
for (const [name, source] of PEERS) {
  const { minified, gzipped } = await measure(source, { resolveDir: import.meta.dirname });
  rows.push([name, kib(minified), kib(gzipped)]);
}
console.log(`\nBrowser bundle size (esbuild --minify --target=${TARGET}, ESM, gzip -9; "on top of the core": that entry's bundle minus the core's)\n`);
printTable(['what the page imports', 'KiB minified', 'KiB gzipped'], rows);
