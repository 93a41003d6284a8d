/**
 * @module The messages exchanged with the Astrato iframe.
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
 * import type { HostMessage } from '@oemkit/browser';
 * const message: HostMessage = { type: 'DYNAMIC FILTERING', payload: 'Date Dim.Year|2026;' };
 * ```
 */
export interface HostMessage {
  type: string;
  payload: unknown;
}

/**
 * Tells whether a message from the iframe says its session is gone: Astrato posts
 * `{ type: 'Astrato', message: '401Error' }` to the host when the iframe has no valid session.
 *
 * @example
 * ```ts
 * import { isSessionLostMessage } from '@oemkit/browser';
 * isSessionLostMessage({ type: 'Astrato', message: '401Error' }); // true
 * ```
 */
export function isSessionLostMessage(data: unknown): boolean {
  const message = data as { type?: unknown; message?: unknown } | null;
  return typeof message === 'object' && message !== null && message.type === 'Astrato' && message.message === '401Error';
}
