import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { SOURCE_CONDITION } from './scripts/package-exports.mjs';
import { projects } from './vitest.workspace.js';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  // Tests run against the TypeScript sources, reached through the exports maps' source condition
  // (scripts/package-exports.mjs); the built packages are checked by their own tests. Setting
  // conditions replaces Vite's defaults, so they are listed after ours: `resolve` for the
  // client, `ssr.resolve` for the node environment every project uses. Vitest also hands the
  // `ssr.resolve` ones to Node (`--conditions`), so they leave out Vite's `module`: Node never uses
  // it, and with it Node loads bundler-only builds (`@opentelemetry/api`'s, whose imports have no
  // file extensions) for every package required from outside Vite.
  resolve: { conditions: [SOURCE_CONDITION, 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, 'node', 'development|production'] } },
  test: {
    projects,
    reporters: ['default', source('./scripts/vitest/summary-reporter.ts')],
    setupFiles: [source('./scripts/vitest/fail-on-console.ts')],
    restoreMocks: true,
  },
});
