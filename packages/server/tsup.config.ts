import { readFileSync, rmSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';
import { tsupEntries } from '../../scripts/package-exports.mjs';

// The entries are the exports map's, read through its `@oemkit/source` condition.
const manifest = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const shared: Options = {
  entry: {
    ...tsupEntries(manifest),
    // Not entry points of their own: the `oemkit` executable, loaded by bin/oemkit.js.
    cli: 'src/cli.ts',
    // Resolved under the `browser` condition: it throws on load and exports nothing.
    'browser-guard': 'src/browser-guard.ts',
  },
  dts: true,
  splitting: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  external: [/^node:/],
  // The two builds below run at once, so neither may clean: dist/ is emptied here, before both.
  clean: false,
};
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });

export default defineConfig([
  { ...shared, format: 'esm' },
  // ky and jose ship only ES modules, and require() of an ES module needs Node 20.19; the engines
  // promise 20.11. So the CommonJS build carries its own copy of the parts it uses. ES2021: tsup
  // turns split chunks into CommonJS with sucrase, which breaks ky's class fields unless esbuild
  // has lowered them first.
  { ...shared, format: 'cjs', noExternal: ['ky', /^jose(\/|$)/], target: 'es2021' },
]);
