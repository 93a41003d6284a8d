import { defineConfig } from 'tsup';

export default defineConfig({
  // `errors` is its own entry so the browser package can import the error family without zod.
  entry: { index: 'src/index.ts', errors: 'src/errors/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  // Shared chunks keep one copy of each error class, so `instanceof` holds across both entries.
  splitting: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  treeshake: true,
});
