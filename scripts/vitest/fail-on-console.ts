/**
 * Fails any test that writes to the console: a stray log in library code is a bug (it may print a
 * secret), and a noisy test hides real output.
 */
import { afterEach, beforeEach, vi } from 'vitest';

const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
let calls: string[] = [];

beforeEach(() => {
  calls = [];
  for (const method of methods) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      calls.push(`console.${method}(${args.map(String).join(' ')})`);
    });
  }
});

afterEach(() => {
  if (calls.length > 0) throw new Error(`Unexpected console output:\n${calls.join('\n')}`);
});
