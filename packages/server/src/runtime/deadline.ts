/**
 * Waiting for an answer no longer than a deadline, for the calls oemkit makes to what the
 * host plugs in (a token store, a rate limiter) that may hang: each takes the answer if it comes
 * in time and goes on without it otherwise.
 *
 * @module
 */

/** What {@link withinDeadline} gives when time ran out: told apart by identity from any answer. */
export const TIMED_OUT: unique symbol = Symbol('deadline passed');

/**
 * Settles as `answer` does, or resolves {@link TIMED_OUT} once `ms` have passed without an
 * answer. `answer` is not cancelled; its rejection is handled here whichever comes first.
 *
 * @param lateTurn - Whether a late timer leaves one more turn of the event loop to the answer.
 *   Behind a stalled loop (a long GC, a starved CPU) the timer fires late, when the answer may
 *   already be waiting to be read: the turn lets it in first, so a busy process is not taken for
 *   a dead store.
 */
export function withinDeadline<T>(answer: Promise<T>, ms: number, lateTurn = false): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => {
      if (lateTurn) timer = setTimeout(() => resolve(TIMED_OUT), 0);
      else resolve(TIMED_OUT);
    }, ms);
  });
  return Promise.race([deadline, answer]).finally(() => clearTimeout(timer));
}
