/**
 * The test projects, declared once here and wired into `vitest.config.ts` as `test.projects`.
 * Each inherits the root config (the source condition, the console guard) through `extends: true`.
 *
 * They run in three groups, one after another (`sequence.groupOrder`), so what measures time
 * never shares the 2 cores with what loads them: first the unit projects in parallel; then the
 * tests whose subject is latency (a token store 60 ms away, a fleet of processes), one file at a
 * time; then real Chromium, one file at a time.
 */
import type { TestProjectInlineConfiguration } from 'vitest/config';

/** Tests that measure a fleet against real time: a busy core turns their store timeouts into noise. */
const TIMING = ['packages/server/test/token/token-store-latency.test.ts', 'packages/server/test/token/token-store-fleet.test.ts'];

export const projects: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    test: { name: 'schema', include: ['packages/schema/test/**/*.test.ts'], environment: 'node', sequence: { groupOrder: 0 } },
  },
  {
    extends: true,
    test: { name: 'server', include: ['packages/server/test/**/*.test.ts'], exclude: TIMING, environment: 'node', sequence: { groupOrder: 0 } },
  },
  {
    extends: true,
    test: { name: 'browser', include: ['packages/browser/test/**/*.test.ts'], environment: 'node', sequence: { groupOrder: 0 } },
  },
  {
    extends: true,
    test: { name: 'examples', include: ['examples/*/test/**/*.test.ts'], environment: 'node', sequence: { groupOrder: 0 } },
  },
  {
    extends: true,
    test: { name: 'timing', include: TIMING, environment: 'node', fileParallelism: false, testTimeout: 60_000, sequence: { groupOrder: 1 } },
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
      sequence: { groupOrder: 2 },
    },
  },
];

export default projects;
