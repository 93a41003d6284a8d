/**
 * The test projects, declared once here and wired into `vitest.config.ts` as `test.projects`.
 * Each inherits the root config (the source condition, the console guard) through `extends: true`.
 */
import type { TestProjectInlineConfiguration } from 'vitest/config';

export const projects: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    test: { name: 'schema', include: ['packages/schema/test/**/*.test.ts'], environment: 'node' },
  },
  {
    extends: true,
    test: { name: 'server', include: ['packages/server/test/**/*.test.ts'], environment: 'node' },
  },
  {
    extends: true,
    test: { name: 'browser', include: ['packages/browser/test/**/*.test.ts'], environment: 'node' },
  },
  {
    extends: true,
    test: { name: 'examples', include: ['examples/*/test/**/*.test.ts'], environment: 'node' },
  },
  {
    // Real headless Chromium against servers on 127.0.0.1; one file at a time keeps 2 cores calm.
    extends: true,
    test: {
      name: 'e2e',
      include: ['packages/*/e2e/**/*.e2e.ts', 'examples/*/e2e/**/*.e2e.ts'],
      environment: 'node',
      testTimeout: 30_000,
      hookTimeout: 60_000,
      fileParallelism: false,
    },
  },
];

export default projects;
