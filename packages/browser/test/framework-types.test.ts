/**
 * Compile-time tests of the public types of @oemkit/browser/react and @oemkit/browser/element.
 * `pnpm typecheck` fails when one stops holding: an `@ts-expect-error` line that no longer errors
 * is itself an error.
 */
import { createElement, useRef } from 'react';
import { describe, expectTypeOf, it } from 'vitest';
import type { EmbeddedDashboard, FilterInput, OemkitError } from '../src/index.js';
import type { AstratoDashboardElement, AstratoDashboardElementConstructor } from '../src/element.js';
import { defineAstratoDashboard } from '../src/element.js';
import { AstratoDashboard, useAstratoDashboard, type AstratoDashboardProps } from '../src/react.js';

type SalesEvents = { 'SHEET CHANGED': string; 'BAR SELECTED': { field: string; values: string[] } };
const embedUrl = 'https://app.astrato.io/embed/AbC123';

describe('the public types of @oemkit/browser/react', () => {
  it('require exactly one ticket source, as embedDashboard does', () => {
    // @ts-expect-error neither getTicket nor ticketUrl
    expectTypeOf<{ embedUrl: string }>().toMatchTypeOf<AstratoDashboardProps>();
    // @ts-expect-error both getTicket and ticketUrl
    expectTypeOf<{ embedUrl: string; ticketUrl: string; getTicket: () => Promise<string> }>().toMatchTypeOf<AstratoDashboardProps>();
    expectTypeOf<{ embedUrl: string; ticketUrl: string }>().toMatchTypeOf<AstratoDashboardProps>();
    expectTypeOf<{ embedUrl: string; getTicket: () => Promise<string> }>().toMatchTypeOf<AstratoDashboardProps>();
  });

  it('type onMessage and the handle by the workbook messages declared', () => {
    const compileOnly = () => {
      const { dashboard } = useAstratoDashboard<SalesEvents>({
        embedUrl,
        ticketUrl: '/api/astrato-ticket',
        onMessage: (message) => {
          if (message.type === 'SHEET CHANGED') expectTypeOf(message.payload).toEqualTypeOf<string>();
          else expectTypeOf(message.payload).toEqualTypeOf<{ field: string; values: string[] }>();
        },
        onError: (error) => expectTypeOf(error).toEqualTypeOf<OemkitError>(),
      });
      expectTypeOf(dashboard).toEqualTypeOf<EmbeddedDashboard<SalesEvents> | undefined>();
    };
    expectTypeOf(compileOnly).toBeFunction();
  });

  it('take a ref to the handle, and the container props', () => {
    const compileOnly = () => {
      const ref = useRef<EmbeddedDashboard>(null);
      createElement(AstratoDashboard, { ref, embedUrl, ticketUrl: '/t', className: 'dashboard', style: { height: 600 }, id: 'sales' });
      // @ts-expect-error the container is a div: its other attributes are not props
      createElement(AstratoDashboard, { embedUrl, ticketUrl: '/t', tabIndex: 0 });
    };
    expectTypeOf(compileOnly).toBeFunction();
  });
});

describe('the public types of @oemkit/browser/element', () => {
  it('type the properties and the events of <astrato-dashboard>', () => {
    expectTypeOf(defineAstratoDashboard).returns.toEqualTypeOf<AstratoDashboardElementConstructor | undefined>();
    expectTypeOf<AstratoDashboardElement['filters']>().toEqualTypeOf<FilterInput | undefined>();
    expectTypeOf<AstratoDashboardElement['dashboard']>().toEqualTypeOf<EmbeddedDashboard | undefined>();
    const compileOnly = (element: AstratoDashboardElement) => {
      element.addEventListener('astrato-error', (event) => expectTypeOf(event.detail).toEqualTypeOf<OemkitError>());
      element.addEventListener('astrato-message', (event) => expectTypeOf(event.detail.type).toEqualTypeOf<string>());
      // @ts-expect-error the handle is read-only
      element.dashboard = undefined;
    };
    expectTypeOf(compileOnly).toBeFunction();
  });
});
