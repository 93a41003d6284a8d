import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { projects } from './vitest.workspace.js';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources; the built packages are checked by their own tests.
    alias: [
      { find: /^@oemkit\/schema\/errors$/, replacement: source('./packages/schema/src/errors/index.ts') },
      { find: /^@oemkit\/schema\/core$/, replacement: source('./packages/schema/src/core/index.ts') },
      { find: /^@oemkit\/schema$/, replacement: source('./packages/schema/src/index.ts') },
      { find: /^@oemkit\/server\/cli$/, replacement: source('./packages/server/src/cli-entry.ts') },
      { find: /^@oemkit\/server\/node$/, replacement: source('./packages/server/src/node.ts') },
      { find: /^@oemkit\/server\/testing$/, replacement: source('./packages/server/src/testing/index.ts') },
      { find: /^@oemkit\/server$/, replacement: source('./packages/server/src/index.ts') },
      { find: /^@oemkit\/browser$/, replacement: source('./packages/browser/src/index.ts') },
    ],
  },
  test: {
    projects,
    reporters: ['default', source('./scripts/vitest/summary-reporter.ts')],
    setupFiles: [source('./scripts/vitest/fail-on-console.ts')],
    restoreMocks: true,
  },
});
