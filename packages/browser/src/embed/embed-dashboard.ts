/**
 * Embedding an Astrato dashboard: ticket, redemption, iframe, filters and recovery.
 *
 * @module
 */
import { TicketError, type OemkitError } from '@oemkit/schema/errors';
import { DEFAULT_REQUEST_TIMEOUT, type TicketAnswer } from '@oemkit/schema/core';
import { durationOption, optionError, readAstratoOrigin } from '@oemkit/schema/internal';
import { buildEmbedUrl } from '../links/embed-link.js';
import type { EmbeddedDashboard, EmbedEvents, EmbedOptions, ReloadOptions } from './embed-types.js';
import { encodeFilters } from '../links/filter-codec.js';
import { DYNAMIC_FILTERING, isSessionLostMessage, readWorkbookMessage, type WorkbookMessages } from './messages.js';
import { preconnect } from './preconnect.js';
import { redeemTicket } from '../exchange/redeem.js';
import { createSessionRecovery } from './session-recovery.js';
import { asTicketAnswer, ticketFetcher } from '../exchange/ticket-source.js';
import { holdSession, letGo, type SessionHolder, type SessionState } from '../session/browser-session.js';

/** Every `initialTicket` a dashboard of this page has taken: each is redeemed once at most. */
const spentTickets = new Set<string | undefined>([undefined]);

/**
 * Embeds an Astrato dashboard. It gets a ticket from your backend (opening a connection to Astrato
 * meanwhile), redeems it as a top-level request (Astrato's cookie policy forbids doing it inside
 * the embed), and only then injects the iframe, whose link carries the initial `variables` and
 * `queryFilters`. Messages go only to the embed link's exact origin, never `'*'`, and only messages
 * from that iframe and origin are read: the workbook's own events reach `on('message')`, typed by
 * the map `M` you declare. Given an `initialTicket` (minted by your server while it rendered the
 * page), the first visit skips the ticket request.
 *
 * One Astrato session serves the whole browser. With a server that answers session keys
 * (`createTicketHandler` over an `AstratoClient`), the page remembers the key of the session it
 * redeemed, per Astrato origin, and sends it with the ticket request: while it is still the key of
 * this user and setup, the server mints nothing and the dashboard loads at once (a return visit, a
 * second dashboard, a remount: no ticket, no redemption). Dashboards and tabs redeem one at a
 * time (Web Locks), so a first visit or a lost session costs one ticket per browser, however many
 * dashboards and tabs. A dashboard whose user or row-level setup differs from one already live on
 * the page is refused with a `SessionConflictError` (the first keeps its user), and one whose
 * session another tab gave to someone else, or `signOut()` ended, removes its iframe at once.
 *
 * When Astrato reports a lost session it fetches a fresh ticket,
 * redeems it and reloads the iframe, once at a time; if the session is lost again within
 * `loopWindow`, or the recovery fails, it emits a `SessionRecoveryError` (typically third-party
 * cookies are blocked) and retries nothing until you call `retry()` or `reload()`.
 *
 * @throws `ValidationError` at once for a missing container, a ticket source missing, an embed link
 *   that is not on the Astrato origin or carries a user name or password (Chromium would load no
 *   iframe from it), `variables` that are not a record or `queryFilters` not a
 *   list, or a bad `recoveryDelay`, `loopWindow` or `timeout`; `FilterError` for unencodable
 *   `filters` and for `variables` or `queryFilters` the embed link cannot express.
 * @example
 * ```ts
 * import { embedDashboard } from '@oemkit/browser';
 * const dashboard = embedDashboard<{ 'SHEET CHANGED': string }>({
 *   container: '#dashboard',
 *   embedUrl: 'https://app.astrato.io/embed/AbC123',
 *   ticketUrl: '/api/astrato-ticket',
 *   variables: { vTop: 10 },
 *   queryFilters: [{ table: 'Territory', field: 'Sales Country', values: ['Australia', 'Canada'] }],
 * });
 * dashboard.on('message', ({ payload: sheet }) => (document.title = sheet));
 * dashboard.on('error', (error) => console.warn(error.code, error.message));
 * ```
 */
export function embedDashboard<M extends object = WorkbookMessages>(options: EmbedOptions): EmbeddedDashboard<M> {
  // An origin: messages go to it alone, and every embed link must be on it.
  const base = readAstratoOrigin(options.baseUrl);
  let embedUrl = options.embedUrl;
  // The link the iframe loads: the embed link with the initial state written in.
  const linkFor = (next: ReloadOptions) => {
    const link = buildEmbedUrl(next.embedUrl ?? embedUrl, next);
    // Also refuses credentials, which Chromium blocks in an iframe's link (and the page would show).
    if (!link.startsWith(`${base}/`)) throw optionError('embedUrl', `must start with ${base}/ (baseUrl), with no user name or password`);
    embedUrl = next.embedUrl ?? embedUrl;
    return link;
  };
  let link = linkFor(options);
  const container = typeof options.container === 'string' ? document.querySelector<HTMLElement>(options.container) : options.container;
  if (!container) throw optionError('container', 'no such element');
  const timeout = durationOption(options.timeout, 'timeout', DEFAULT_REQUEST_TIMEOUT, 1);
  const recoveryDelay = durationOption(options.recoveryDelay, 'recoveryDelay', 400);
  const loopWindow = durationOption(options.loopWindow, 'loopWindow', 15_000, 1_000);
  const askSource = ticketFetcher(options, timeout);
  let filterPayload = options.filters ? encodeFilters(options.filters) : '';

  // What the host gave may throw (a listener, a payload that cannot be cloned): that must keep
  // neither the rest nor what ran it (the recovery, the load handling) from going on, so the error
  // is reported as uncaught, on its own.
  const safely = (run: () => void) => {
    try {
      run();
    } catch (error) {
      setTimeout(() => {
        throw error;
      });
    }
  };
  const listeners = new Map<keyof EmbedEvents, Set<(...args: never[]) => void>>();
  // Copied on every subscription, so a dispatch walks the listeners it started with, as the DOM
  // does: a listener added meanwhile waits for the next event (else one that subscribes its
  // successor, a once(), would run for ever); one removed meanwhile, or every one once a listener
  // destroyed the dashboard, is skipped. Every event has one argument at most: the error, the
  // message, or none.
  const emit = <E extends keyof EmbedEvents>(event: E, value?: Parameters<EmbedEvents[E]>[0]) =>
    listeners.get(event)?.forEach((listener) => safely(() => listeners.get(event)?.has(listener) && (listener as (value: unknown) => void)(value)));

  let iframe: HTMLIFrameElement | undefined;
  let loaded = false;
  let renewed = false;
  // What send() was given before the load, as posts to make then.
  let outbox: (() => void)[] = [];
  // Aborted by destroy(), so a ticket request or redemption in flight stops with the dashboard.
  const lifetime = new AbortController();
  const { signal } = lifetime;

  const post = (type: string, payload: unknown) => iframe?.contentWindow?.postMessage({ type, payload }, base);
  const onLoad = () => {
    loaded = true;
    // Every reload starts Astrato afresh: send the current filters again, then anything queued.
    if (filterPayload) post(DYNAMIC_FILTERING, filterPayload);
    outbox.forEach(safely);
    outbox = [];
    emit('load');
    if (renewed) emit('sessionRecovered');
    renewed = false;
  };
  const onMessage = ({ source, origin, data }: MessageEvent) => {
    if (!iframe || source !== iframe.contentWindow || origin !== base) return;
    // Astrato's lost-session report is recovery's business, never a workbook message. The page
    // that sent it is gone for the host: what is sent from now on waits for the next load, of the
    // iframe a recovery or reload makes; a load of this one (the lost page navigating) is none.
    if (isSessionLostMessage(data)) return iframe.removeEventListener('load', onLoad), (loaded = false), recovery.lost();
    const message = readWorkbookMessage(data);
    if (message) emit('message', message);
  };
  const show = (withNewSession: boolean) => {
    loaded = false;
    renewed = withNewSession && !!iframe;
    const next = document.createElement('iframe');
    // Sized by attributes, not style: a style serializes, and a host that re-parses the iframe
    // (innerHTML, htmx, morphing) then gives the parser a style attribute a strict CSP refuses.
    const attributes: Record<string, string> = {
      title: options.title ?? 'Astrato dashboard',
      allow: 'fullscreen',
      width: '100%',
      height: '100%',
      frameborder: '0',
      ...options.iframeAttributes,
    };
    for (const name in attributes) next.setAttribute(name, attributes[name]!);
    // The listener goes on before src is set, and src before the iframe is in the page, so the
    // first load is never missed and no about:blank load is taken for the dashboard's.
    next.addEventListener('load', onLoad);
    addEventListener('message', onMessage);
    next.src = link;
    // A new element rather than a new src: a 401Error the old document posts before it is gone
    // then comes from a window that is no longer ours, so the guard never judges the new session by it.
    if (iframe) iframe.replaceWith(next);
    else container.appendChild(next);
    iframe = next;
  };

  // The session this dashboard loaded with last, and how the browser's session reaches it: another
  // tab's sign-out or user ends it (no iframe, nothing renewed until retry() or reload()).
  let held: SessionState | undefined;
  const holder: SessionHolder = {
    b: base,
    end(error) {
      iframe?.remove();
      iframe = undefined;
      loaded = false;
      // Then it holds no session any more, which lets a redemption waiting in another tab go on; a
      // dashboard embedded next, for anyone, is no conflict with it, and a retry() asks for a
      // ticket rather than reloading over one it no longer has.
      letGo(holder);
      held = undefined;
      recovery.end(error);
    },
  };
  // Read as the endpoint's answer is: a session key that is no key (it names a lock) is dropped.
  const initial = options.initialTicket === undefined ? undefined : asTicketAnswer(options.initialTicket);
  const redeem = (answer: TicketAnswer) => redeemTicket(answer.ticketId!, { baseUrl: base, timeout, signal });

  const recovery = createSessionRecovery({
    recoveryDelay,
    loopWindow,
    async renew(first) {
      held = await holdSession(
        holder,
        held,
        !first,
        async (key) => {
          // Spent for the whole page by the first ask, which start() makes at once: a later renewal,
          // or a dashboard started again with it (a remount), never pays a redemption Astrato refuses.
          if (spentTickets.has(initial?.ticketId)) return askSource(signal, key);
          spentTickets.add(initial!.ticketId);
          return initial!;
        },
        async (answer) => {
          try {
            await redeem(answer);
          } catch (error) {
            // Refused (spent, or expired: the page came from a cache, or started late): ask the source.
            if (answer !== initial || !(error instanceof TicketError)) throw error;
            await redeem((answer = await askSource(signal)));
          }
          return answer.sessionKey;
        },
      );
      // Destroyed while it waited: the session must not count it among the live dashboards.
      if (signal.aborted) letGo(holder);
    },
    reload: show,
    fail: (error) => {
      // A reload that the guard has just judged lost is no recovery to announce.
      renewed = false;
      emit('error', error);
    },
  });
  const unhint = preconnect(base);
  const ready = recovery.start();
  ready.catch((error: OemkitError) => emit('error', error));

  return {
    ready,
    get iframe() {
      return iframe;
    },
    setFilters(filters) {
      if (signal.aborted) return;
      filterPayload = encodeFilters(filters);
      if (loaded && filterPayload) post(DYNAMIC_FILTERING, filterPayload);
    },
    send(type, payload) {
      if (signal.aborted) return;
      if (loaded) post(type, payload);
      // Bounded: a host sending on a timer while recovery is stopped must not grow it for ever.
      else if (outbox.push(() => post(type, payload)) > 100) outbox.shift();
    },
    on(event, listener) {
      listeners.set(event, new Set(listeners.get(event)).add(listener));
      return () => void listeners.get(event)?.delete(listener);
    },
    retry: () => recovery.retry(),
    reload(next) {
      if (signal.aborted) return;
      // Ended by a sign-out or another user (no iframe): a reload starts a session again.
      if (!next) return iframe ? recovery.reload() : recovery.retry();
      // Checked first: a refused link changes nothing. Shown now only over a live session: before
      // the first load, or while a recovery waits, runs or has stopped, that load uses this link.
      link = linkFor(next);
      if (iframe) recovery.navigate();
    },
    destroy() {
      if (signal.aborted) return;
      lifetime.abort();
      recovery.destroy();
      letGo(holder);
      unhint();
      removeEventListener('message', onMessage);
      iframe?.remove();
      iframe = undefined;
      listeners.clear();
    },
  };
}
