/**
 * The public shapes of `<astrato-dashboard>`: the element, its constructor and its events.
 *
 * @module
 */
import type { OemkitError } from '@oemkit/schema/errors';
import type { WorkbookVariables, QueryFilter } from '../links/embed-link.js';
import type { EmbeddedDashboard } from '../embed/embed-types.js';
import type { FilterInput } from '../links/filter-codec.js';
import type { WorkbookMessage, WorkbookMessages } from '../embed/messages.js';

/**
 * The DOM events of `<astrato-dashboard>`, one per event of `EmbedEvents`, named so that none can
 * clash with a native one. They bubble; `detail` holds the event's value (`null` for none).
 *
 * @example
 * ```ts
 * import type { AstratoDashboardEventMap } from '@oemkit/browser/element';
 * const onError = (event: AstratoDashboardEventMap['astrato-error']) => console.warn(event.detail.code);
 * ```
 */
export interface AstratoDashboardEventMap extends HTMLElementEventMap {
  /** The iframe loaded: the first time, and after every reload or recovery. */
  'astrato-load': CustomEvent<null>;
  /** Something failed (see `EmbedEvents.error`), or the element's options were refused; `detail` is the error. */
  'astrato-error': CustomEvent<OemkitError>;
  /** A lost session was renewed with a fresh ticket and the dashboard reloaded. */
  'astrato-session-recovered': CustomEvent<null>;
  /** The workbook posted an event to the host; `detail` is its `{ type, payload }`. */
  'astrato-message': CustomEvent<WorkbookMessage<WorkbookMessages>>;
}

/**
 * The `<astrato-dashboard>` element: `embedDashboard` with the element itself as the container.
 *
 * Attributes (also reflected by the camel-case properties `embedUrl`, `ticketUrl` and `baseUrl`):
 * `embed-url`, `ticket-url`, `base-url`, `title` (the iframe's), `timeout`, `recovery-delay` and
 * `loop-window` (milliseconds). Properties for the rest: `filters`, `variables`, `queryFilters`,
 * `getTicket` and `iframeAttributes`.
 *
 * The dashboard starts once the element is in the page with `embed-url` and a ticket source
 * (`ticket-url` or `getTicket`), a microtask after the last change, so properties set right after
 * the element is added count from the start. Then `filters` are applied by `setFilters`, and a new
 * `embed-url`, `variables` or `queryFilters` reloads the dashboard with its session (no new
 * ticket); values, not identities, are compared. The other options are read once at the start:
 * replace the element to change them. Removing the element destroys the dashboard; moving it within
 * the page keeps it (with `moveBefore` the iframe does not even reload). Errors, including options
 * the element refuses, arrive as `astrato-error` events; nothing is thrown. The tag name is yours
 * to choose, so no global tag-name map is declared: name the type where you query the element.
 *
 * @example
 * ```ts
 * import type { AstratoDashboardElement } from '@oemkit/browser/element';
 * const element = document.querySelector<AstratoDashboardElement>('astrato-dashboard')!;
 * element.filters = { 'Date Dim.Year': 2026 };
 * element.addEventListener('astrato-error', (event) => console.warn(event.detail.code));
 * ```
 */
export interface AstratoDashboardElement extends HTMLElement {
  /** The `embed-url` attribute: the embed link copied from Astrato. */
  embedUrl: string | null;
  /** The `ticket-url` attribute: your ticket endpoint. */
  ticketUrl: string | null;
  /** The `base-url` attribute: your Astrato URL (`https://app.astrato.io` when absent). */
  baseUrl: string | null;
  /** Your own ticket function, instead of `ticket-url`; its latest value is called. */
  getTicket: (() => Promise<string>) | undefined;
  /** DYNAMIC FILTERING filters: sent when the dashboard loads, and with `setFilters` when they change. */
  filters: FilterInput | undefined;
  /** Workbook variables the embed link carries; a change reloads the dashboard. */
  variables: WorkbookVariables | undefined;
  /** Query filters the embed link carries; a change reloads the dashboard. */
  queryFilters: readonly QueryFilter[] | undefined;
  /** Extra iframe attributes, read at the start (see `EmbedOptions.iframeAttributes`). */
  iframeAttributes: Record<string, string> | undefined;
  /** The dashboard's handle while it runs (`retry()`, `send()`, ...); `undefined` before and after. */
  readonly dashboard: EmbeddedDashboard | undefined;
  addEventListener<K extends keyof AstratoDashboardEventMap>(
    type: K,
    listener: (this: AstratoDashboardElement, event: AstratoDashboardEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof AstratoDashboardEventMap>(
    type: K,
    listener: (this: AstratoDashboardElement, event: AstratoDashboardEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/**
 * The class {@link defineAstratoDashboard} registers.
 *
 * @example
 * ```ts
 * import { defineAstratoDashboard, type AstratoDashboardElementConstructor } from '@oemkit/browser/element';
 * const Dashboard: AstratoDashboardElementConstructor | undefined = defineAstratoDashboard();
 * if (Dashboard) {
 *   const getTicket = async () => (await (await fetch('/api/astrato-ticket', { method: 'POST' })).json()).ticketId;
 *   const element = Object.assign(new Dashboard(), { embedUrl: 'https://app.astrato.io/embed/AbC123', getTicket });
 *   document.getElementById('dashboards')!.append(element);
 * }
 * ```
 */
export type AstratoDashboardElementConstructor = new () => AstratoDashboardElement;
