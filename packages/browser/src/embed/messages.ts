/**
 * The messages exchanged with the Astrato iframe.
 *
 * @module
 */

/**
 * The custom event type Astrato's dynamic-filtering action listens for.
 *
 * @example
 * ```ts
 * import { DYNAMIC_FILTERING } from '@oemkit/browser';
 * dashboard.send(DYNAMIC_FILTERING, 'Date Dim.Year|2026;'); // what setFilters does for you
 * ```
 */
export const DYNAMIC_FILTERING = 'DYNAMIC FILTERING';

/**
 * What the host posts to the iframe: `{ type, payload }`.
 *
 * @example
 * ```ts
 * import { DYNAMIC_FILTERING, encodeFilters, type HostMessage } from '@oemkit/browser';
 * const message: HostMessage = { type: DYNAMIC_FILTERING, payload: encodeFilters({ 'Date Dim.Year': 2026 }) };
 * dashboard.send(message.type, message.payload); // what setFilters does for you
 * ```
 */
export interface HostMessage {
  type: string;
  payload: unknown;
}

/**
 * Tells whether a message from the iframe says its session is gone: Astrato posts
 * `{ type: 'Astrato', message: '401Error' }` to the host when the iframe has no valid session.
 */
export function isSessionLostMessage(data: unknown): boolean {
  // Optional chaining is enough: a primitive has neither field, null and undefined stop at `?.`.
  const message = data as { type?: unknown; message?: unknown } | null | undefined;
  return message?.type === 'Astrato' && message.message === '401Error';
}

/**
 * The events a workbook may post to the host, by `type`: the host's own declaration, since the
 * names and payloads are the workbook author's (Astrato fixes neither). The default accepts any
 * `type` with an `unknown` payload; declare yours (an interface or a type) and pass it to
 * `embedDashboard<MyEvents>()` to have `on('message')` typed. oemkit checks only that `type` is
 * a string: the declaration is a promise the workbook keeps, so check a payload you cannot trust.
 *
 * @example
 * ```ts
 * import { embedDashboard } from '@oemkit/browser';
 * interface SalesEvents {
 *   'SHEET CHANGED': { sheet: string };
 *   'ROW CLICKED': { country: string; year: number };
 * }
 * const dashboard = embedDashboard<SalesEvents>({ container: '#dashboard', embedUrl, ticketUrl: '/api/astrato-ticket' });
 * ```
 */
export type WorkbookMessages = Record<string, unknown>;

/**
 * One message from the workbook: a `type` of the map `M` and its payload, as a union that
 * narrows on `type`.
 *
 * @example
 * ```ts
 * import type { WorkbookMessage } from '@oemkit/browser';
 * type SalesEvents = { 'SHEET CHANGED': { sheet: string }; 'ROW CLICKED': { country: string } };
 * function onMessage(message: WorkbookMessage<SalesEvents>) {
 *   if (message.type === 'SHEET CHANGED') document.title = message.payload.sheet;
 * }
 * ```
 */
export type WorkbookMessage<M extends object = WorkbookMessages> = {
  [K in keyof M & string]: { type: K; payload: M[K] };
}[keyof M & string];

/**
 * @internal Reads what a workbook posted: an object with a string `type` (its `payload` may be
 * anything), or `undefined` for anything else.
 */
export function readWorkbookMessage(data: unknown): WorkbookMessage | undefined {
  const { type, payload } = (data ?? {}) as { type?: unknown; payload?: unknown };
  return typeof type === 'string' ? { type, payload } : undefined;
}
