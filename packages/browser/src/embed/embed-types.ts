/**
 * The public shapes of an embedded dashboard: its options, events and handle.
 *
 * @module
 */
import type { OemkitError } from '@oemkit/schema/errors';
import type { InitialState } from '../links/embed-link.js';
import type { FilterInput } from '../links/filter-codec.js';
import type { WorkbookMessage, WorkbookMessages } from './messages.js';
import type { TicketSource } from '../exchange/ticket-source.js';

/**
 * Options for {@link embedDashboard}, plus a {@link TicketSource} and the {@link InitialState}
 * (`variables`, `queryFilters`) that the embed link carries to the first render.
 */
export type EmbedOptions = TicketSource &
  InitialState & {
  /** The element to put the iframe in, or a selector for it. */
  container: HTMLElement | string;
  /** The embed link copied from Astrato, e.g. `https://app.astrato.io/embed/<id>`. */
  embedUrl: string;
  /**
   * Your Astrato URL: an origin such as `https://acme.astrato.io`, without a path (refused, as on the
   * server); the embed link must be on it. @default 'https://app.astrato.io'
   */
  baseUrl?: string | undefined;
  /** The iframe's accessible title. @default 'Astrato dashboard' */
  title?: string | undefined;
  /**
   * DYNAMIC FILTERING filters, sent as soon as the dashboard loads and again after every reload.
   * For the first render prefer `queryFilters`, which the embed link carries.
   */
  filters?: FilterInput | undefined;
  /**
   * Extra iframe attributes, applied last (`sandbox`, `allow`, `class`, `style`, ...). No `sandbox`
   * is set by default: Astrato needs scripts and its own origin's storage. The iframe is sized
   * (100% by 100%, no border) through the CSSOM, which a strict CSP allows; a `style` attribute
   * given here is an inline style that such a CSP refuses: prefer a `class`.
   * @default { allow: 'fullscreen' }
   */
  iframeAttributes?: Record<string, string> | undefined;
  /** Milliseconds to wait after a lost-session message before recovering (0 to 2147483647). @default 400 */
  recoveryDelay?: number | undefined;
  /**
   * A session lost again within this many ms of a recovery (or a {@link EmbeddedDashboard.reload})
   * stops recovery until the host calls `retry()` or `reload()` (1000 to 2147483647). @default 15000
   */
  loopWindow?: number | undefined;
  /** Milliseconds the ticket request and the redemption may each take, body included (1 to 2147483647). @default 10000 */
  timeout?: number | undefined;
  /**
   * A ticket your server minted while it rendered the page, so the first visit skips the ticket
   * request: 2 round trips from the browser (redemption, embed page) instead of 3. Pass the ticket
   * endpoint's answer, `{ ticketId, sessionKey }` (`AstratoClient.setup` and `sessionKey`): when the
   * session this browser holds already has that key (a return visit), the dashboard loads at once,
   * with no redemption and no ticket request (1 round trip); a bare ticket id is redeemed. Redeemed
   * once, for the first session only, and at most once per page: a later dashboard given the same
   * ticket (a remount) asks the ticket source. Refused by Astrato (`TicketError`: spent, expired,
   * unknown), it costs one redemption and the ticket source gives the first ticket instead; any
   * other failure fails the start. Lost sessions always get fresh tickets from the ticket source.
   * @default undefined (the first ticket comes from the ticket source)
   */
  initialTicket?: string | { ticketId: string; sessionKey?: string } | undefined;
};

/**
 * The events of an embedded dashboard; `M` declares the workbook's messages (see
 * {@link WorkbookMessages}). A listener that throws does not keep the others from running: its
 * error is reported as uncaught, on its own. As with the DOM, a listener subscribed while an event
 * is dispatched hears the next one, and one unsubscribed meanwhile (or by `destroy()`) is skipped.
 *
 * @example
 * ```ts
 * import type { EmbedEvents } from '@oemkit/browser';
 * const onError: EmbedEvents['error'] = (error) => console.warn(error.code);
 * ```
 */
export interface EmbedEvents<M extends object = WorkbookMessages> {
  /** The iframe loaded (first time, and after every reload); not the page that reported its session lost, loading again. */
  load: () => void;
  /**
   * The session was lost, renewed with a fresh ticket, and the dashboard reloaded. A browser that
   * drops the new cookie makes Astrato report the loss again: a `SessionRecoveryError` follows.
   */
  sessionRecovered: () => void;
  /**
   * Something failed: the first ticket or redemption, or (as a `SessionRecoveryError`) a recovery or
   * the loop guard, after which nothing is retried until the host calls `retry()` or `reload()`.
   */
  error: (error: OemkitError) => void;
  /**
   * The workbook posted an event to the host (a workbook action), from the current iframe and the
   * embed link's origin only; Astrato's lost-session report is handled, never passed on. Every
   * message is delivered, repeated ones too.
   */
  message: (message: WorkbookMessage<M>) => void;
}

/**
 * What {@link EmbeddedDashboard.reload} may change: the embed link (on the same `baseUrl`) and the
 * initial state, checked as `embedDashboard` checks them. Given, it replaces the initial state:
 * `variables` or `queryFilters` left out mean none; `embedUrl` left out keeps the current link.
 *
 * @example
 * ```ts
 * import type { ReloadOptions } from '@oemkit/browser';
 * const next: ReloadOptions = { variables: { vTop: 5 }, queryFilters: [{ table: 'Territory', field: 'Sales Country', values: ['Canada'] }] };
 * dashboard.reload(next);
 * ```
 */
export type ReloadOptions = InitialState & {
  /** Another embed link on the same `baseUrl`. @default the current embed link */
  embedUrl?: string | undefined;
};

/**
 * The handle {@link embedDashboard} returns; `M` declares the workbook's messages.
 *
 * @example
 * ```ts
 * import { embedDashboard } from '@oemkit/browser';
 * const dashboard = embedDashboard({ container: '#dashboard', embedUrl, ticketUrl: '/api/astrato-ticket' });
 * await dashboard.ready;
 * dashboard.setFilters({ 'Date Dim.Year': '2026' });
 * ```
 */
export interface EmbeddedDashboard<M extends object = WorkbookMessages> {
  /**
   * Resolves once the session is redeemed and the iframe is in the page; rejects on failure. A
   * `destroy()` before then stops it quietly: it resolves, with no iframe (`iframe` is `undefined`).
   */
  readonly ready: Promise<void>;
  /** The iframe, once injected; a recovery or {@link EmbeddedDashboard.reload} replaces it with a new one. */
  readonly iframe: HTMLIFrameElement | undefined;
  /**
   * Applies filters through Astrato's DYNAMIC FILTERING action; kept and re-sent after reloads.
   * @throws `ValidationError` when `filters` is not a list or a record; `FilterError` for a filter
   *   Astrato cannot parse.
   */
  setFilters(filters: FilterInput): void;
  /**
   * Posts a custom event `{ type, payload }` to the workbook, for an "On browser event" action
   * listening for that `type`. Queued whenever no live page can take it: before the iframe has
   * loaded, and from the moment Astrato reports a lost session while recovery waits, runs or has
   * stopped (until `retry()` or `reload()`); the queue is delivered, in order, at the next load of a page
   * that recovery or `reload()` makes (the lost page loading again, as it navigates, is not one). It
   * holds the latest 100 events: past that the oldest is dropped, so a host that sends on a timer
   * while the dashboard cannot load does not grow it for ever (send the state the workbook should
   * end in from a `load` listener instead). A payload the browser cannot clone (a function, a DOM
   * node) throws `postMessage`'s `DataCloneError` once loaded; queued, its error is reported as
   * uncaught when the load sends it, and the load and the rest go on.
   *
   * @example
   * ```ts
   * dashboard.send('GO TO SHEET', 'Sales');
   * ```
   */
  send(type: string, payload: unknown): void;
  /**
   * Subscribes to an event; returns the unsubscribe function.
   *
   * @example
   * ```ts
   * import { embedDashboard } from '@oemkit/browser';
   * const dashboard = embedDashboard<{ 'SHEET CHANGED': string }>({ container: '#dashboard', embedUrl, ticketUrl: '/api/astrato-ticket' });
   * const stop = dashboard.on('message', ({ type, payload }) => {
   *   if (type === 'SHEET CHANGED') document.title = payload;
   * });
   * ```
   */
  on<E extends keyof EmbedEvents<M>>(event: E, listener: EmbedEvents<M>[E]): () => void;
  /**
   * Recovers now: a fresh ticket, its redemption, then a reload (`sessionRecovered` follows). Use it
   * after a `SessionRecoveryError`, when recovery has stopped, e.g. once the user allowed cookies;
   * after a failed first ticket it loads the dashboard. Does nothing while a recovery runs.
   *
   * @example
   * ```ts
   * dashboard.on('error', (error) => {
   *   if (error.code !== 'SESSION_RECOVERY_FAILED') return;
   *   const retry = container.appendChild(document.createElement('button'));
   *   retry.textContent = 'Allow cookies for app.astrato.io, then retry';
   *   retry.onclick = () => dashboard.retry();
   * });
   * ```
   */
  retry(): void;
  /**
   * Without `link`: reloads the iframe with the current session, without a new ticket, and re-arms
   * the loop guard: a session lost within `loopWindow` is reported as a `SessionRecoveryError`, not
   * renewed. Use it once your page has restored the session itself. Does nothing while a recovery
   * runs.
   *
   * With `link` (see {@link ReloadOptions}): shows another embed link or initial state with the
   * current session, from now on (later reloads and recoveries keep it). It reloads the iframe at
   * once when the dashboard is live; before the first load, or while a recovery waits, runs or has
   * stopped, the load that follows (or `retry()`) shows it. It vouches for no session, so the loop
   * guard is left as it was: a session lost later is recovered as usual.
   *
   * @throws `ValidationError` or `FilterError` for a `link` that `embedDashboard` would refuse;
   *   nothing changes then.
   *
   * @example
   * ```ts
   * import { redeemTicket } from '@oemkit/browser';
   * const { ticketId } = await (await fetch('/api/astrato-ticket', { method: 'POST' })).json();
   * await redeemTicket(ticketId); // e.g. from a click, where the browser grants storage access
   * dashboard.reload();
   * dashboard.reload({ variables: { vTop: 5 } }); // another initial state, same session
   * ```
   */
  reload(link?: ReloadOptions): void;
  /** Removes the iframe, listeners and timers; a recovery in flight is abandoned. Later calls do nothing. */
  destroy(): void;
}
