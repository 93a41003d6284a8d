// What the host page pays: the embed path and the codec of @oemkit/browser beside other embed
// SDKs, all bundled the same way (esbuild, minified, ESM for the browser) and gzipped at level 9.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { printTable } from './stats.mjs';

const cases = [
  ['@oemkit/browser: embed path (embedDashboard)', `import { embedDashboard } from '@oemkit/browser'; window.x = embedDashboard;`],
  ['@oemkit/browser: filter codec', `import { encodeFilters, decodeFilters } from '@oemkit/browser'; window.x = [encodeFilters, decodeFilters];`],
  ['@oemkit/browser: everything', `import * as oemkit from '@oemkit/browser'; window.x = oemkit;`],
  ['@superset-ui/embedded-sdk (embedDashboard)', `import { embedDashboard } from '@superset-ui/embedded-sdk'; window.x = embedDashboard;`],
  ['@looker/embed-sdk (getEmbedSDK)', `import { getEmbedSDK } from '@looker/embed-sdk'; window.x = getEmbedSDK;`],
  ['powerbi-client (service)', `import * as pbi from 'powerbi-client'; window.x = pbi.service;`],
];

const rows = [];
for (const [name, contents] of cases) {
  const result = await build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    tsconfigRaw: {},
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  rows.push([name, (code.length / 1024).toFixed(1), (gzipSync(code, { level: 9 }).length / 1024).toFixed(2)]);
}
console.log('\nBrowser bundle size (esbuild --minify, ESM, gzip -9)\n');
printTable(['what the page imports', 'KiB minified', 'KiB gzipped'], rows);
