import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    node: 'src/node.ts',
    testing: 'src/testing/index.ts',
    'cli-entry': 'src/cli-entry.ts',
    // The `oemkit` executable (bin); esbuild keeps its #! line.
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
