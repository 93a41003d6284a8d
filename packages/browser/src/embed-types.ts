/**
 * @module The public shapes of an embedded dashboard: its options, events and handle.
 */
import type { OemkitError } from '@oemkit/schema/errors';
import type { FilterInput } from './filter-codec.js';
import type { TicketSource } from './ticket-source.js';

/**
 * Options for {@link embedDashboard}, plus a {@link TicketSource}.
 *
 * @example
 * ```ts
 * import type { EmbedOptions } from '@oemkit/browser';
 * const options: EmbedOptions = {
 *   container: '#dashboard',
 *   embedUrl: 'https://app.astrato.io/embed/AbC123',
 *   ticketUrl: '/api/astrato-ticket',
 * };
 * ```
 */
export type EmbedOptions = TicketSource & {
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
  /** Filters to apply as soon as the dashboard loads. */
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
};

/**
 * The events of an embedded dashboard.
 *
 * @example
 * ```ts
 * import type { EmbedEvents } from '@oemkit/browser';
 * const onError: EmbedEvents['error'] = (error) => console.warn(error.code);
 * ```
 */
export interface EmbedEvents {
  /** The iframe loaded (first time, and after every reload). */
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
}

/**
 * The handle {@link embedDashboard} returns.
 *
 * @example
 * ```ts
 * const dashboard = embedDashboard({ container: '#dashboard', embedUrl, ticketUrl: '/api/astrato-ticket' });
 * await dashboard.ready;
 * dashboard.setFilters({ 'Date Dim.Year': '2026' });
 * ```
 */
export interface EmbeddedDashboard {
  /** Resolves once the session is redeemed and the iframe is in the page; rejects on failure. */
  readonly ready: Promise<void>;
  /** The iframe, once injected; a recovery or {@link EmbeddedDashboard.reload} replaces it with a new one. */
  readonly iframe: HTMLIFrameElement | undefined;
  /**
   * Applies filters through Astrato's DYNAMIC FILTERING action; kept and re-sent after reloads.
   * @throws `ValidationError` when `filters` is not a list or a record; `FilterError` for a filter
   *   Astrato cannot parse.
   */
  setFilters(filters: FilterInput): void;
  /** Posts another custom event for an Astrato action; queued until the iframe has loaded. */
  send(type: string, payload: unknown): void;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends keyof EmbedEvents>(event: E, listener: EmbedEvents[E]): () => void;
  /**
   * Recovers now: a fresh ticket, its redemption, then a reload (`sessionRecovered` follows). Use it
   * after a `SessionRecoveryError`, when recovery has stopped, e.g. once the user allowed cookies;
   * after a failed first ticket it loads the dashboard. Does nothing while a recovery runs.
   *
   * @example
   * ```ts
   * dashboard.on('error', (error) => {
   *   if (error.code === 'SESSION_RECOVERY_FAILED') showBanner('Allow cookies for app.astrato.io, then', () => dashboard.retry());
   * });
   * ```
   */
  retry(): void;
  /**
   * Reloads the iframe with the current session, without a new ticket, and re-arms the loop guard:
   * a session lost within `loopWindow` is reported as a `SessionRecoveryError`, not renewed. Use it
   * once your page has restored the session itself. Does nothing while a recovery runs.
   *
   * @example
   * ```ts
   * const { ticketId } = await (await fetch('/api/astrato-ticket', { method: 'POST' })).json();
   * await redeemTicket(ticketId); // e.g. from a click, where the browser grants storage access
   * dashboard.reload();
   * ```
   */
  reload(): void;
  /** Removes the iframe, listeners and timers; a recovery in flight is abandoned. Later calls do nothing. */
  destroy(): void;
}
