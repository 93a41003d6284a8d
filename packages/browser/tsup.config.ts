import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { tsupEntries } from '../../scripts/package-exports.mjs';

// The entries are the exports map's, read through its `@oemkit/source` condition.
const manifest = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default defineConfig({
  entry: tsupEntries(manifest),
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'browser',
});
