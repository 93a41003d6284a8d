/**
 * @module Embedding an Astrato dashboard: ticket, redemption, iframe, filters and recovery.
 */
import type { OemkitError } from '@oemkit/schema/errors';
import { SessionRecoveryError, ValidationError } from '@oemkit/schema/errors';
import { normalizeBaseUrl, parseUrl } from './base-url.js';
import { duration } from './duration.js';
import { DEFAULT_TIMEOUT } from './fetch-json.js';
import { encodeFilters, type FilterInput } from './filter-codec.js';
import { DYNAMIC_FILTERING, isSessionLostMessage } from './messages.js';
import { redeemTicket } from './redeem.js';
import { ticketFetcher, type TicketSource } from './ticket-source.js';

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
  /** Your Astrato URL; the embed link must be on its origin. @default 'https://app.astrato.io' */
  baseUrl?: string | undefined;
  /** The iframe's accessible title. @default 'Astrato dashboard' */
  title?: string | undefined;
  /** Filters to apply as soon as the dashboard loads. */
  filters?: FilterInput | undefined;
  /**
   * Extra iframe attributes, applied last (`sandbox`, `allow`, `class`, `style`, ...). No `sandbox`
   * is set by default: Astrato needs scripts and its own origin's storage.
   * @default { allow: 'fullscreen' }
   */
  iframeAttributes?: Record<string, string> | undefined;
  /** Milliseconds to wait after a lost-session message before recovering (0 to 2147483647). @default 400 */
  recoveryDelay?: number | undefined;
  /** A session lost again within this many ms of a recovery stops recovery (1000 to 2147483647). @default 15000 */
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
  /** The session was lost, renewed with a fresh ticket, and the dashboard reloaded. */
  sessionRecovered: () => void;
  /** Something failed: the first ticket or redemption, a recovery, or the loop guard. */
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
  /** The iframe, once injected. */
  readonly iframe: HTMLIFrameElement | undefined;
  /** Applies filters through Astrato's DYNAMIC FILTERING action; kept and re-sent after reloads. */
  setFilters(filters: FilterInput): void;
  /** Posts another custom event for an Astrato action; queued until the iframe has loaded. */
  send(type: string, payload: unknown): void;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends keyof EmbedEvents>(event: E, listener: EmbedEvents[E]): () => void;
  /** Removes the iframe, listeners and timers. Later calls do nothing. */
  destroy(): void;
}

/**
 * Embeds an Astrato dashboard. It gets a ticket from your backend, redeems it as a top-level
 * request (Astrato's cookie policy forbids doing it inside the embed), and only then injects the
 * iframe. Messages go only to the embed link's exact origin, never `'*'`, and only messages from
 * that iframe and origin are read. When Astrato reports a lost session it fetches a fresh ticket,
 * redeems it and reloads the iframe, once at a time; if the session is lost again straight after,
 * it stops and emits a `SessionRecoveryError` (typically third-party cookies are blocked).
 *
 * @throws `ValidationError` at once for a missing container, a ticket source missing, an embed link
 *   that is not on the Astrato origin, or a bad `recoveryDelay`, `loopWindow` or `timeout`;
 *   `FilterError` for unencodable `filters`.
 * @example
 * ```ts
 * import { embedDashboard } from '@oemkit/browser';
 * const dashboard = embedDashboard({
 *   container: '#dashboard',
 *   embedUrl: 'https://app.astrato.io/embed/AbC123',
 *   ticketUrl: '/api/astrato-ticket',
 *   filters: { 'Region Dim.Country Name': 'United Kingdom' },
 * });
 * dashboard.on('error', (error) => showBanner(error.message));
 * ```
 */
export function embedDashboard(options: EmbedOptions): EmbeddedDashboard {
  const base = normalizeBaseUrl(options.baseUrl);
  const embedUrl = parseUrl(options.embedUrl, 'embedUrl');
  const origin = embedUrl.origin;
  if (origin !== new URL(base).origin) {
    throw new ValidationError('options', [{ path: ['embedUrl'], message: `must be on the Astrato origin ${new URL(base).origin}` }]);
  }
  const container = typeof options.container === 'string' ? document.querySelector<HTMLElement>(options.container) : options.container;
  if (!container) throw new ValidationError('options', [{ path: ['container'], message: 'no such element' }]);
  const timeout = duration(options.timeout, 'timeout', DEFAULT_TIMEOUT, 1);
  const recoveryDelay = duration(options.recoveryDelay, 'recoveryDelay', 400);
  const loopWindow = duration(options.loopWindow, 'loopWindow', 15_000, 1_000);
  const getTicket = ticketFetcher(options, timeout);
  // Aborted by destroy(), so a ticket request or redemption in flight stops with the dashboard.
  const lifetime = new AbortController();
  const { signal } = lifetime;

  const listeners = new Map<keyof EmbedEvents, Set<(...args: never[]) => void>>();
  const emit = <E extends keyof EmbedEvents>(event: E, ...args: Parameters<EmbedEvents[E]>) =>
    listeners.get(event)?.forEach((listener) => (listener as (...a: unknown[]) => void)(...args));

  let iframe: HTMLIFrameElement | undefined;
  let loaded = false;
  let destroyed = false;
  let filterPayload = options.filters ? encodeFilters(options.filters) : '';
  let outbox: [string, unknown][] = [];
  let recoveryTimer: ReturnType<typeof setTimeout> | undefined;
  let recovering = false;
  let reloadingAfterRecovery = false;
  let recoveredAt = -Infinity;

  const post = (type: string, payload: unknown) => iframe?.contentWindow?.postMessage({ type, payload }, origin);
  const startSession = async () => {
    const ticket = await getTicket(signal);
    if (!destroyed) await redeemTicket(ticket, { baseUrl: base, timeout, signal });
  };

  const onLoad = () => {
    loaded = true;
    // Every reload starts Astrato afresh: send the current filters again, then anything queued.
    if (filterPayload) post(DYNAMIC_FILTERING, filterPayload);
    for (const [type, payload] of outbox) post(type, payload);
    outbox = [];
    emit('load');
    if (reloadingAfterRecovery) {
      reloadingAfterRecovery = false;
      emit('sessionRecovered');
    }
  };

  const recover = async () => {
    recovering = true;
    try {
      await startSession();
      if (destroyed || !iframe) return;
      loaded = false;
      reloadingAfterRecovery = true;
      // The guard starts with the reload: the page may report a lost session before it fires `load`.
      recoveredAt = Date.now();
      iframe.src = embedUrl.href;
    } catch (error) {
      if (!destroyed) emit('error', new SessionRecoveryError('Could not renew the Astrato session', error));
    } finally {
      recovering = false;
    }
  };

  const onMessage = (event: MessageEvent) => {
    if (!iframe || event.source !== iframe.contentWindow || event.origin !== origin || !isSessionLostMessage(event.data)) return;
    if (Date.now() - recoveredAt < loopWindow) {
      recoveredAt = -Infinity;
      reloadingAfterRecovery = false;
      emit('error', new SessionRecoveryError('The Astrato session was lost again right after renewal: are third-party cookies blocked?'));
      return;
    }
    if (recovering) return;
    clearTimeout(recoveryTimer);
    // Astrato can report a lost session more than once in a burst; recover once.
    recoveryTimer = setTimeout(() => void recover(), recoveryDelay);
  };

  const ready = startSession().then(() => {
    if (destroyed) return;
    iframe = document.createElement('iframe');
    const attributes: Record<string, string> = {
      title: options.title ?? 'Astrato dashboard',
      allow: 'fullscreen',
      style: 'width:100%;height:100%;border:0',
      ...options.iframeAttributes,
    };
    for (const name in attributes) iframe.setAttribute(name, attributes[name]!);
    // The listener goes on before src is set, so the first load is never missed.
    iframe.addEventListener('load', onLoad);
    addEventListener('message', onMessage);
    iframe.src = embedUrl.href;
    container.appendChild(iframe);
  });
  ready.catch((error: OemkitError) => emit('error', error));

  return {
    ready,
    get iframe() {
      return iframe;
    },
    setFilters(filters) {
      if (destroyed) return;
      filterPayload = encodeFilters(filters);
      if (loaded && filterPayload) post(DYNAMIC_FILTERING, filterPayload);
    },
    send(type, payload) {
      if (destroyed) return;
      if (loaded) post(type, payload);
      else outbox.push([type, payload]);
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener));
      return () => void set.delete(listener);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      lifetime.abort();
      clearTimeout(recoveryTimer);
      removeEventListener('message', onMessage);
      iframe?.remove();
      iframe = undefined;
      listeners.clear();
    },
  };
}
