/**
 * `useAstratoDashboard`: an embedded Astrato dashboard as a React hook, for React 18 and 19.
 *
 * @module
 */
import { useEffect, useRef, useState } from 'react';
import type { OemkitError } from '@oemkit/schema/errors';
import type { EmbeddedDashboard, EmbedOptions } from '../embed/embed-types.js';
import { liveDashboard, LIVE_EVENTS } from '../embed/live-dashboard.js';
import type { WorkbookMessage, WorkbookMessages } from '../embed/messages.js';
import type { TicketSource } from '../exchange/ticket-source.js';

/**
 * The event callbacks of {@link useAstratoDashboard} and `<AstratoDashboard>`, one per event of
 * `EmbedEvents`; `M` declares the workbook's messages (see `WorkbookMessages`). They may be new
 * functions on every render: the latest ones are called, and a change re-subscribes nothing.
 */
export interface AstratoDashboardCallbacks<M extends object = WorkbookMessages> {
  /** The iframe loaded: the first time, and after every reload or recovery. */
  onLoad?: (() => void) | undefined;
  /** Something failed: the first ticket or redemption, or a recovery (`SessionRecoveryError`). See `EmbedEvents.error`. Without it, failures are reported as uncaught. */
  onError?: ((error: OemkitError) => void) | undefined;
  /** A lost session was renewed with a fresh ticket and the dashboard reloaded. */
  onSessionRecovered?: (() => void) | undefined;
  /** The workbook posted an event to the host (`{ type, payload }`, typed by `M`). */
  onMessage?: ((message: WorkbookMessage<M>) => void) | undefined;
}

/**
 * What {@link useAstratoDashboard} takes: every option of `embedDashboard` but the container, and
 * the event callbacks.
 *
 * Read on every render, compared by value, so an object literal rebuilt on every render sends
 * nothing new: `filters` (applied with `setFilters`, no reload), and `embedUrl`, `variables` and
 * `queryFilters` (a `reload` with the current session: no new ticket). Read once, when the dashboard
 * starts: the ticket source (`ticketUrl`, or `getTicket`, whose latest function is called),
 * `initialTicket`, `baseUrl`, `title`, `iframeAttributes`, `recoveryDelay`, `loopWindow` and
 * `timeout`; to change one, give the component a new React `key`, which starts a new dashboard
 * with a new ticket.
 *
 * `initialTicket` takes a ticket your server minted while it rendered the page (a Next.js server
 * component passes it as a prop), so the first visit makes no ticket request: 2 round trips from
 * the browser (redemption, embed page) rather than 3. It is redeemed once per page: a re-render or
 * StrictMode's double mount keeps the one dashboard, and a remount (or a `ref` moved to another
 * element) gets its ticket from the ticket source, which also renews every lost session. Refused
 * as spent or expired (Astrato's tickets live 60 s, `TICKET_LIFETIME`), it costs one redemption
 * and the ticket source gives the first ticket instead. So the ticket source is still required.
 *
 * @example
 * ```tsx
 * // app/page.tsx (a server component): mint with the logic of your ticket route handler.
 * import { AstratoDashboard } from '@oemkit/browser/react';
 * export default async function Page({ ticket }: { ticket: string }) {
 *   // `ticket` is what `await astrato.setup({ email, groupNames: ['Viewers'] })` gave this render.
 *   return <AstratoDashboard embedUrl={embedUrl} ticketUrl="/api/astrato-ticket" initialTicket={ticket} style={{ height: 600 }} />;
 * }
 * ```
 */
export type AstratoDashboardOptions<M extends object = WorkbookMessages> = TicketSource &
  Omit<EmbedOptions, 'container' | keyof TicketSource> &
  AstratoDashboardCallbacks<M>;

/**
 * What {@link useAstratoDashboard} returns.
 *
 * @example
 * ```tsx
 * import { useAstratoDashboard, type AstratoDashboardBinding } from '@oemkit/browser/react';
 * export function Sales({ embedUrl }: { embedUrl: string }) {
 *   const { ref, dashboard }: AstratoDashboardBinding = useAstratoDashboard({ embedUrl, ticketUrl: '/api/astrato-ticket' });
 *   return <div ref={ref} onDoubleClick={() => dashboard?.retry()} style={{ height: 600 }} />;
 * }
 * ```
 */
export interface AstratoDashboardBinding<M extends object = WorkbookMessages> {
  /**
   * Put it on the element the iframe goes in (`<div ref={ref} />`), which should render no children.
   * Put on another element later, the dashboard starts again there, with a new ticket.
   */
  ref: (element: HTMLElement | null) => void;
  /** The dashboard's handle once it has started (after the first commit in the browser); `undefined` before, on the server and after an unmount. */
  dashboard: EmbeddedDashboard<M> | undefined;
}

// Every event of the controller has its callback: a new event fails to compile until it has one.
const CALLBACKS = { load: 'onLoad', error: 'onError', sessionRecovered: 'onSessionRecovered', message: 'onMessage' } as const satisfies Record<
  (typeof LIVE_EVENTS)[number],
  keyof AstratoDashboardCallbacks
>;

/**
 * Embeds an Astrato dashboard in the element you attach `ref` to, with `embedDashboard`, and keeps
 * it in step with `options` (see {@link AstratoDashboardOptions} for what may change). Nothing runs
 * on the server or during render: the dashboard starts in an effect, once the element is in the
 * page. React's StrictMode double mount keeps the one dashboard (one ticket, one iframe), as does a
 * re-render; an unmount destroys it (iframe, listeners, any request in flight). Invalid options
 * at the start throw from the effect, so an error boundary sees them; failures later on, a later
 * `filters` or link the dashboard refuses included, reach `onError` (or, without one, are reported
 * as uncaught, as is what a throwing `onError` throws) and the dashboard keeps showing what it showed.
 *
 * @example
 * ```tsx
 * import { useAstratoDashboard } from '@oemkit/browser/react';
 *
 * function Sales({ year }: { year: number }) {
 *   const { ref, dashboard } = useAstratoDashboard({
 *     embedUrl: 'https://app.astrato.io/embed/AbC123',
 *     ticketUrl: '/api/astrato-ticket',
 *     filters: { 'Date Dim.Year': year },
 *     onError: (error) => console.warn(error.code),
 *   });
 *   return (
 *     <>
 *       <button onClick={() => dashboard?.retry()}>Retry</button>
 *       <div ref={ref} style={{ height: 600 }} />
 *     </>
 *   );
 * }
 * ```
 */
export function useAstratoDashboard<M extends object = WorkbookMessages>(options: AstratoDashboardOptions<M>): AstratoDashboardBinding<M> {
  const latest = useRef(options);
  const [container, setContainer] = useState<HTMLElement | null>(null);
  const [dashboard, setDashboard] = useState<EmbeddedDashboard<M>>();
  const [live] = useState(() =>
    liveDashboard((event, value) => {
      const callback = latest.current[CALLBACKS[event]] as ((value?: unknown) => void) | undefined;
      // A failure without onError, or what a callback throws, is reported as uncaught, on its own:
      // never dropped, and never thrown into an effect (a refused later `filters`), which would
      // unmount the host's whole app.
      try {
        if (callback) callback(value);
        else if (event == 'error') throw value;
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }),
  );

  // First, so the effects below and every event after this commit see this render's options.
  useEffect(() => {
    latest.current = options;
  });
  useEffect(() => {
    if (!container) return;
    setDashboard(live.start({ ...latest.current, container } as EmbedOptions & { container: HTMLElement }) as EmbeddedDashboard<M>);
    return () => live.stop(() => setDashboard(undefined));
  }, [container, live]);
  // A value refused after the start (a user typed `Paris, France` into a filter) is a failure the
  // controller emits, reported like every later one.
  useEffect(() => live.update(options));

  return { ref: setContainer, dashboard };
}
