import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { tsupEntries } from '../../scripts/package-exports.mjs';

// The entries are the exports map's, read through its `@oemkit/source` condition.
const manifest = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
// The DataBrain entry is built on its own, sharing no chunk with the Astrato entries: sharing the
// bounded fetch moved it into a new chunk, and that order alone cost the Astrato core path 10 B
// gzipped (5,019 -> 5,029 B, `pnpm size`). A page with both vendors ships that fetch twice (about
// 600 B); a page with one ships what it needs. Without `clean`: the Astrato build empties dist/
// as it starts, before either build has written anything.
const { databrain, ...astrato } = tsupEntries(manifest);

export default defineConfig([
  { entry: { databrain }, format: ['esm', 'cjs'], dts: true, sourcemap: true, clean: false, target: 'es2022', platform: 'browser' },
  {
    entry: astrato,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: 'browser',
    // React, a peer dependency, stays external (tsup leaves dependencies and peers out of the bundle).
    // Next.js takes @oemkit/browser/react for a client module only if 'use client' is its first
    // statement: esbuild keeps an entry's directives, and this fails the build if that ever changes.
    async onSuccess() {
      for (const file of ['dist/react.js', 'dist/react.cjs']) {
        if (!/^("use strict";\s*)?"use client";/.test(readFileSync(new URL(file, import.meta.url), 'utf8'))) {
          throw new Error(`${file} does not start with 'use client': Next.js would run it as a server module`);
        }
      }
    },
  },
]);
