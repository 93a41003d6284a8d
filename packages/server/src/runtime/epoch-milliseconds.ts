/**
 * When a number a vendor sends is a point in time: the one rule for `expires_in` and every
 * `Retry-After`-like header, which may each be an epoch time in milliseconds or seconds, or a
 * count of seconds from now.
 *
 * @module
 */

/** 1e12 ms and 1e9 s are the same instant (2001-09-09): any epoch time a vendor sends today is past both. */
const EPOCH_MILLISECONDS_FLOOR = 1e12;
const EPOCH_SECONDS_FLOOR = 1e9;

/**
 * @internal Reads `value` as an epoch time, in milliseconds: from 1e12 it is epoch milliseconds,
 * from 1e9 epoch seconds (each floor included), and below 1e9 it is no epoch time (`undefined`),
 * so the caller reads it as seconds from now. No vendor sends a relative wait of 31 years, nor
 * an absolute time before 2001, so the two readings never overlap.
 */
export function epochMilliseconds(value: number): number | undefined {
  if (value >= EPOCH_MILLISECONDS_FLOOR) return value;
  if (value >= EPOCH_SECONDS_FLOOR) return value * 1000;
  return undefined;
}
