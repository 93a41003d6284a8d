/**
 * Compile-time tests of the public types. `pnpm typecheck` (part of `pnpm test`) fails when one of
 * these stops holding: an `@ts-expect-error` line that no longer errors is itself an error.
 */
import { describe, expectTypeOf, it } from 'vitest';
import { embedDashboard, encodeFilters, type EmbeddedDashboard, type EmbedOptions, type FilterInput, type OemkitError, type RedeemOptions } from '../src/index.js';

describe('the public types of @oemkit/browser', () => {
  it('require exactly one ticket source', () => {
    const compileOnly = () => {
      // @ts-expect-error neither getTicket nor ticketUrl
      embedDashboard({ container: '#d', embedUrl: 'https://app.astrato.io/embed/x' });
      // @ts-expect-error both getTicket and ticketUrl
      embedDashboard({ container: '#d', embedUrl: 'https://app.astrato.io/embed/x', ticketUrl: '/t', getTicket: async () => 't' });
      embedDashboard({ container: '#d', embedUrl: 'https://app.astrato.io/embed/x', ticketUrl: '/t' });
    };
    expectTypeOf(compileOnly).toBeFunction();
  });

  it('type the events and their listeners', () => {
    expectTypeOf<EmbeddedDashboard['ready']>().toEqualTypeOf<Promise<void>>();
    const compileOnly = (dashboard: EmbeddedDashboard) => {
      dashboard.on('error', (error) => expectTypeOf(error).toEqualTypeOf<OemkitError>());
      // @ts-expect-error no such event
      dashboard.on('unload', () => undefined);
    };
    expectTypeOf(compileOnly).toBeFunction();
  });

  it('offer retry() and reload() on the handle, and a timeout on both entry points', () => {
    expectTypeOf<EmbeddedDashboard['retry']>().toEqualTypeOf<() => void>();
    expectTypeOf<EmbeddedDashboard['reload']>().toEqualTypeOf<() => void>();
    expectTypeOf<EmbedOptions['timeout']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<RedeemOptions['timeout']>().toEqualTypeOf<number | undefined>();
  });

  it('accept filters as a list or a record, with text, number and boolean values', () => {
    expectTypeOf<{ 'Date Dim.Year': '2026' }>().toExtend<FilterInput>();
    expectTypeOf<[{ field: 'A'; values: ['b'] }]>().toExtend<FilterInput>();
    expectTypeOf<{ 'Date Dim.Year': 2026; 'Customer.Active': [true, false] }>().toExtend<FilterInput>();
    const compileOnly = () => {
      // @ts-expect-error a date is not a filter value: write it as Astrato shows it
      encodeFilters({ 'Date Dim.Day': new Date() });
    };
    expectTypeOf(compileOnly).toBeFunction();
  });
});
