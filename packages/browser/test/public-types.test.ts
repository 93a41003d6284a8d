/**
 * Compile-time tests of the public types. `pnpm typecheck` (part of `pnpm test`) fails when one of
 * these stops holding: an `@ts-expect-error` line that no longer errors is itself an error.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  buildEmbedUrl,
  embedDashboard,
  encodeFilters,
  type EmbeddedDashboard,
  type EmbedOptions,
  type FilterInput,
  type OemkitError,
  type RedeemOptions,
  type ReloadOptions,
  type WorkbookMessage,
} from '../src/index.js';

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
    expectTypeOf<EmbeddedDashboard['reload']>().toEqualTypeOf<(link?: ReloadOptions) => void>();
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

  it('type workbook messages by the map the host declares, as an interface or a type, and any message without one', () => {
    interface SalesEvents {
      'SHEET CHANGED': { sheet: string };
      'ROW CLICKED': { country: string; year: number };
    }
    expectTypeOf<WorkbookMessage<SalesEvents>>().toEqualTypeOf<
      { type: 'SHEET CHANGED'; payload: { sheet: string } } | { type: 'ROW CLICKED'; payload: { country: string; year: number } }
    >();
    expectTypeOf<WorkbookMessage>().toEqualTypeOf<{ type: string; payload: unknown }>();
    const compileOnly = () => {
      const typed = embedDashboard<SalesEvents>({ container: '#d', embedUrl: 'https://app.astrato.io/embed/x', ticketUrl: '/t' });
      typed.on('message', (message) => {
        if (message.type === 'ROW CLICKED') expectTypeOf(message.payload.year).toEqualTypeOf<number>();
        // @ts-expect-error not a type the map declares
        if (message.type === 'SHEET GONE') return;
      });
      const untyped = embedDashboard({ container: '#d', embedUrl: 'https://app.astrato.io/embed/x', ticketUrl: '/t' });
      untyped.on('message', (message) => expectTypeOf(message).toEqualTypeOf<{ type: string; payload: unknown }>());
    };
    expectTypeOf(compileOnly).toBeFunction();
  });

  it('take the initial state as variables and query filters, for the handle and for a host’s own iframe', () => {
    expectTypeOf<EmbedOptions['variables']>().toEqualTypeOf<Readonly<Record<string, string | number | boolean>> | undefined>();
    expectTypeOf(buildEmbedUrl).returns.toEqualTypeOf<string>();
    const compileOnly = () => {
      buildEmbedUrl('https://app.astrato.io/embed/x', { queryFilters: [{ model: 'Default', table: 'T', field: 'F', values: ['a', 1, true] }] });
      // @ts-expect-error a query filter needs its table
      buildEmbedUrl('https://app.astrato.io/embed/x', { queryFilters: [{ field: 'F', values: ['a'] }] });
      // @ts-expect-error a variable is one value, not a list
      buildEmbedUrl('https://app.astrato.io/embed/x', { variables: { vTop: [1, 2] } });
    };
    expectTypeOf(compileOnly).toBeFunction();
  });
});
