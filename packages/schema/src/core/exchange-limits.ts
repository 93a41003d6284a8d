/**
 * @module The limits of every HTTP exchange oemkit makes, on the server and in the page alike.
 */

/**
 * How long one request may take by default, from sending it to the last byte of the answer, in
 * milliseconds: each attempt on the server (`timeout` of the clients), each ticket request and
 * redemption in the page (`timeout` of `embedDashboard` and `redeemTicket`).
 *
 * @example
 * ```ts
 * import { DEFAULT_REQUEST_TIMEOUT } from '@oemkit/schema';
 * const client = new AstratoClient({ clientId, clientSecret, timeout: DEFAULT_REQUEST_TIMEOUT / 2 });
 * ```
 */
export const DEFAULT_REQUEST_TIMEOUT = 10_000;

/**
 * The most bytes of an answer's body oemkit reads (64 KiB). Every answer these APIs send is a few
 * kilobytes; a larger one is an error page or an attack, and is refused without being read whole.
 *
 * @example
 * ```ts
 * import { LARGEST_BODY } from '@oemkit/schema';
 * console.log(LARGEST_BODY); // 65536
 * ```
 */
export const LARGEST_BODY = 64 * 1024;
