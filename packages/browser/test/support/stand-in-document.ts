/**
 * The little of `document` (and the window's listener functions) that embedDashboard touches before its first ticket arrives (the
 * preconnect hint), for tests in Node that check what it refuses or accepts at call time. What the
 * page then does with the document is tested in Chromium (e2e/).
 */
import { afterEach, beforeEach, vi } from 'vitest';

/** Stubs `document` for every test of the file; returns the hints added, live. */
export function useStandInDocument(): { hints: { rel: string; href: string }[] } {
  const state = { hints: [] as { rel: string; href: string }[] };
  beforeEach(() => {
    state.hints = [];
    vi.stubGlobal('document', {
      querySelectorAll: () => [],
      createElement: () => ({ remove() {} }),
      head: { appendChild: (hint: { rel: string; href: string }) => (state.hints.push(hint), hint) },
    });
    // The window's listener functions, which destroy() calls and Node's global scope lacks.
    vi.stubGlobal('addEventListener', () => {});
    vi.stubGlobal('removeEventListener', () => {});
  });
  afterEach(() => vi.unstubAllGlobals());
  return state;
}
