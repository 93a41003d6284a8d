/**
 * How long a server asked us to wait: one rule for every header that says so.
 *
 * @module
 */
import { epochMilliseconds } from '../runtime/epoch-milliseconds.js';

/**
 * The headers that say when to try again, in the order ky reads them. oemkit reads them itself,
 * with one rule, so that a value ky would misread cannot make a request wait the full cap.
 */
export const RETRY_AFTER_HEADERS = ['retry-after', 'ratelimit-reset', 'x-ratelimit-retry-after', 'x-ratelimit-reset', 'x-rate-limit-reset'] as const;

const DECIMAL = /^\d{1,16}(\.\d{1,6})?$/;
// RFC 9110's preferred date form: `Sun, 06 Nov 1994 08:49:37 GMT`. Anything looser is not trusted.
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Reads the first of {@link RETRY_AFTER_HEADERS} present, as seconds from `now`. Delay seconds, an
 * epoch in seconds or milliseconds (GitHub's `X-RateLimit-Reset`) and an HTTP date are read; a
 * time already past is 0. Anything else (`soon`, `Infinity`, `-1`, a loose date) is `undefined`:
 * the caller backs off as if no header had been sent, and never waits long for a value it cannot read.
 */
export function readRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const header = RETRY_AFTER_HEADERS.map((name) => headers.get(name)).find((value) => value !== null);
  return header === undefined ? undefined : parseRetryAfter(header, now);
}

/** Reads one header value by the rule of {@link readRetryAfter}. */
export function parseRetryAfter(value: string, now: number = Date.now()): number | undefined {
  const text = value.trim();
  if (DECIMAL.test(text)) {
    const number = Number(text);
    const time = epochMilliseconds(number);
    return time === undefined ? number : secondsUntil(time, now);
  }
  if (HTTP_DATE.test(text)) {
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : secondsUntil(date, now);
  }
  return undefined;
}

function secondsUntil(time: number, now: number): number {
  return Math.max(0, Math.ceil((time - now) / 1000));
}
