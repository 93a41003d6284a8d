import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { tsupEntries } from '../../scripts/package-exports.mjs';

// The entries are the exports map's, read through its `@oemkit/source` condition.
const manifest = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default defineConfig({
  // `core` (and its subset `errors`) are entries of their own so the browser package can import the
  // error family, the constants and the ticket endpoint's contract without zod.
  entry: tsupEntries(manifest),
  format: ['esm', 'cjs'],
  dts: true,
  // Shared chunks keep one copy of each error class, so `instanceof` holds across both entries.
  splitting: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  treeshake: true,
});
