import { describe, expect, it } from 'vitest';

describe('@oemkit/browser/element on a server', () => {
  it('imports without a DOM, and defineAstratoDashboard registers nothing there', async () => {
    // Node has neither: a class extending HTMLElement at the module's top level would throw here.
    expect(typeof HTMLElement).toBe('undefined');
    expect(typeof customElements).toBe('undefined');
    const { defineAstratoDashboard } = await import('@oemkit/browser/element');
    expect(defineAstratoDashboard()).toBeUndefined();
  });
});
