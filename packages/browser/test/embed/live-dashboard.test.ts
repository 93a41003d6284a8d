/**
 * The controller behind `<AstratoDashboard>` and `<astrato-dashboard>`: what it does with values a
 * framework hands it again. A stand-in container and document are enough before the first ticket;
 * Chromium tests (e2e/react.e2e.ts, e2e/element.e2e.ts) cover the page.
 */
import { describe, expect, it, vi } from 'vitest';
import { FilterError, ValidationError } from '../../src/index.js';
import { liveDashboard } from '../../src/embed/live-dashboard.js';
import { useStandInDocument } from '../support/stand-in-document.js';

useStandInDocument();

const options = {
  container: {} as HTMLElement,
  embedUrl: 'https://app.astrato.io/embed/AbC123',
  // Never settles: nothing is fetched and the page is never touched.
  getTicket: () => new Promise<string>(() => {}),
};

describe('liveDashboard', () => {
  it('refuses a BigInt or a cycle in variables, query filters or filters with the FilterError the dashboard gives, once, not a TypeError from JSON', async () => {
    const errors: unknown[] = [];
    const live = liveDashboard((event, value) => event === 'error' && errors.push(value));
    live.start(options);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    const updates = [
      { variables: { vTop: 10n } },
      { queryFilters: [{ table: 'T', field: 'F', values: [1n] }] },
      { filters: { 'Date Dim.Year': 2026n } },
      { filters: cycle },
    ] as unknown as Parameters<typeof live.update>[0][];
    for (const update of updates) {
      live.update({ ...options, ...update });
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(FilterError);
      expect((errors.pop() as FilterError).code).toBe('INVALID_FILTER');
      // The same refused value again is not reported again.
      live.update({ ...options, ...update });
      expect(errors).toEqual([]);
      live.update(options);
    }
    // The stop is deferred by a microtask: wait for it, so the dashboard is destroyed within the test.
    await new Promise<void>((stopped) => live.stop(stopped));
  });

  it('still applies filters that changed with a link or initial state it refuses, and reports the refusal', async () => {
    const errors: Error[] = [];
    const live = liveDashboard((event, value) => event === 'error' && errors.push(value as Error));
    const setFilters = vi.spyOn(live.start(options), 'setFilters');
    live.update({ ...options, variables: { vTop: '' }, filters: { 'Date Dim.Year': 2026 } });
    expect(errors.map((error) => [error.constructor, error.message.includes('variable: a value is empty')])).toEqual([[FilterError, true]]);
    expect(setFilters).toHaveBeenCalledExactlyOnceWith({ 'Date Dim.Year': 2026 });
    // The stop is deferred by a microtask: wait for it, so the dashboard is destroyed within the test.
    await new Promise<void>((stopped) => live.stop(stopped));
  });

  it('reports a refused link and refused filters given in one update, each once', async () => {
    const errors: Error[] = [];
    const live = liveDashboard((event, value) => event === 'error' && errors.push(value as Error));
    live.start(options);
    live.update({ ...options, embedUrl: 'https://elsewhere.example/embed/demo', filters: { 'Geo.City': 'Paris, France' } });
    expect(errors.map((error) => error.constructor)).toEqual([ValidationError, FilterError]);
    await new Promise<void>((stopped) => live.stop(stopped));
  });
});
