/**
 * The limits of every HTTP exchange oemkit makes, on the server and in the page alike.
 *
 * @module
 */

/**
 * How long one request may take by default, from sending it to the last byte of the answer, in
 * milliseconds: each attempt on the server (`timeout` of the clients), each ticket request and
 * redemption in the page (`timeout` of `embedDashboard` and `redeemTicket`).
 *
 * @example
 * ```ts
 * import { DEFAULT_REQUEST_TIMEOUT } from '@oemkit/schema';
 * import { AstratoClient } from '@oemkit/server';
 * const astrato = new AstratoClient({ clientId, clientSecret, timeout: DEFAULT_REQUEST_TIMEOUT / 2 });
 * ```
 */
export const DEFAULT_REQUEST_TIMEOUT = 10_000;

/**
 * The most bytes of an answer's body oemkit reads (64 KiB). Every answer these APIs send is a few
 * kilobytes; a larger one is an error page or an attack, and is refused without being read whole.
 *
 * @example
 * ```ts
 * import { LARGEST_BODY } from '@oemkit/schema/internal';
 * console.log(LARGEST_BODY); // 65536
 * ```
 */
export const LARGEST_BODY = 64 * 1024;

/**
 * The longest delay a timer honours, in milliseconds (2^31 - 1, about 24.8 days): browsers and
 * Node treat anything longer as 0, so a larger timeout or wait would fire at once.
 *
 * @example
 * ```ts
 * import { LONGEST_TIMER } from '@oemkit/schema/internal';
 * console.log(LONGEST_TIMER); // 2147483647
 * ```
 */
export const LONGEST_TIMER = 2 ** 31 - 1;

/**
 * Says what is wrong with a millisecond option, or returns `undefined` when it is a number from
 * `min` to {@link LONGEST_TIMER}: the one rule for every timeout, delay and window oemkit takes.
 *
 * @example
 * ```ts
 * import { durationProblem } from '@oemkit/schema/internal';
 * durationProblem(-1); // 'must be a number of milliseconds from 0 to 2147483647'
 * durationProblem(400); // undefined
 * ```
 */
export function durationProblem(value: unknown, min = 0): string | undefined {
  return typeof value === 'number' && value >= min && value <= LONGEST_TIMER ? undefined : `must be a number of milliseconds from ${min} to ${LONGEST_TIMER}`;
}
