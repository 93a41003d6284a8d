import { defineConfig } from 'tsup';

export default defineConfig({
  // `core` (and its subset `errors`) are entries of their own so the browser package can import the
  // error family, the constants and the ticket endpoint's contract without zod.
  entry: { index: 'src/index.ts', core: 'src/core/index.ts', errors: 'src/errors/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  // Shared chunks keep one copy of each error class, so `instanceof` holds across both entries.
  splitting: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  treeshake: true,
});
