/**
 * Clock skew against the vendor's `Date` header.
 *
 * @module
 */
import { fail, pass, skip, type CheckResult } from './check-result.js';

/**
 * The largest skew that passes: 30 seconds, half a ticket's 60-second life. The m2m token's
 * expiry arrives as the vendor's epoch time and a ticket's as the vendor's now plus 60 s; a local
 * clock off by more than this reads them wrong by as much, so tokens are used after they expired
 * or tickets thrown away as stale while still good.
 */
export const CLOCK_SKEW_LIMIT = 30_000;

/**
 * The vendor's `Date` against the local clock at the middle of the request. `Date` has whole
 * seconds, so up to a second of the skew shown is rounding.
 */
export function clockCheck(date: string | null, sentAt: number, answeredAt: number): CheckResult {
  const vendorTime = date === null ? Number.NaN : Date.parse(date);
  if (Number.isNaN(vendorTime)) return skip('clock', 'the answer had no readable Date header');
  const skew = vendorTime - (sentAt + answeredAt) / 2;
  // Past a minute, to ten seconds: the Date header's rounding then never changes what is printed.
  const seconds = Math.abs(skew) < 60_000 ? Math.round(Math.abs(skew) / 1000) : Math.round(Math.abs(skew) / 10_000) * 10;
  const side = skew > 0 ? 'behind' : 'ahead of';
  if (Math.abs(skew) <= CLOCK_SKEW_LIMIT) return pass('clock', `this machine's clock is within ${CLOCK_SKEW_LIMIT / 1000} s of Astrato's`);
  return fail('clock', `this machine's clock is ${seconds} s ${side} Astrato's (limit ${CLOCK_SKEW_LIMIT / 1000} s)`, 'synchronise the clock with NTP (timedatectl set-ntp true, or your platform\'s time service)');
}
