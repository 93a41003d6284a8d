import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { tsupEntries } from '../../scripts/package-exports.mjs';

// The entries are the exports map's, read through its `@oemkit/source` condition.
const manifest = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default defineConfig({
  entry: {
    ...tsupEntries(manifest),
    // Not entry points of their own: the `oemkit` executable, loaded by bin/oemkit.js.
    cli: 'src/cli.ts',
    // Resolved under the `browser` condition: it throws on load and exports nothing.
    'browser-guard': 'src/browser-guard.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  splitting: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  external: [/^node:/],
});
