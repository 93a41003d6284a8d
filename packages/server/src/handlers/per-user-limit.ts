/**
 * The handlers' per-user limit: reads the `rateLimit` option, asks the limiter, and says
 * whether a request may go on, must wait, or goes on because the limiter could not answer.
 *
 * @module
 */
import { ValidationError, type ValidationIssue } from '@oemkit/schema/errors';
import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js';
import { DEFAULT_RATE_LIMIT, type RateLimiterLike, type RateLimitOptions } from './rate-limit.js';
import { TIMED_OUT, withinDeadline } from '../runtime/deadline.js';
import { toHex } from '../runtime/hex.js';
import { guarded, readGuarded } from '../runtime/read-guarded.js';

/**
 * What the limiter said about one request. `unavailable`: it failed or did not answer in time,
 * and the request goes on without it (see {@link createPerUserLimit}).
 */
export type LimitVerdict =
  | { readonly outcome: 'allowed' }
  /** No key: `byDefault` when the default key found none (the host's own `key` chose none on purpose). */
  | { readonly outcome: 'unkeyed'; readonly byDefault: boolean }
  /** `key`: whom it counted against, as the key gave it, so the handler can keep it out of what it reports. */
  | { readonly outcome: 'limited'; readonly retryAfter: number; readonly points: number | undefined; readonly duration: number | undefined; readonly key: string }
  | { readonly outcome: 'unavailable'; readonly error: unknown; readonly timedOut: boolean };

/** Asks the limit about one request; a `key` function that throws rejects, as `authorize` would. */
export type PerUserLimit<Authorized> = (request: Request, authorized: Authorized) => Promise<LimitVerdict>;

/**
 * How long a limiter may take before the request goes on without it. Redis answers in well under
 * a millisecond; a limiter slower than this is a store that is down or unreachable, and ioredis
 * would otherwise queue the command until it reconnects, holding every request meanwhile.
 */
export const LIMITER_PATIENCE = 1_000;

// An hour: a window for page loads is minutes long, and a longer one is most often milliseconds
// written where seconds were meant (60000 for a minute). A quota per day wants its own limiter.
const LONGEST_DURATION = 3_600;
const OPTION_KEYS = new Set(['points', 'duration', 'limiter', 'key']);
/**
 * The longest `Retry-After` a limited request is told, in seconds (a year). A limiter's wait past
 * it is garbage, and printed as is (`1e+297`) it would not even be a valid header.
 */
export const LONGEST_RETRY_AFTER = 365 * 24 * 3_600;
/**
 * Keys longer than this are counted by their SHA-256 instead: a limiter keeps every key it sees for
 * its window (in memory, or in Redis on every request), so a megabyte of key must not cost a megabyte.
 */
export const LONGEST_KEY = 256;

/** Every problem with a `rateLimit` option, each naming its field under `rateLimit`. */
export function rateLimitIssues(value: unknown): ValidationIssue[] {
  const issues = guarded(() => issuesOf(value));
  return issues.ok ? issues.value : [{ path: ['rateLimit'], message: 'could not be read: reading its fields threw' }];
}

function issuesOf(value: unknown): ValidationIssue[] {
  if (value === undefined || value === false || isLimiter(value)) return [];
  const at = (field?: string) => (field ? ['rateLimit', field] : ['rateLimit']);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ path: at(), message: 'must be { points, duration }, { limiter, key? }, a rate-limiter-flexible limiter, or false to turn the limit off' }];
  }
  const given = value as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  for (const name of Object.keys(given).filter((name) => !OPTION_KEYS.has(name))) {
    issues.push({ path: at(name), message: 'is not an option: the options are points, duration (in seconds), limiter and key' });
  }
  const { points, duration, limiter, key } = given;
  if (points !== undefined && !(Number.isSafeInteger(points) && (points as number) >= 1)) {
    issues.push({ path: at('points'), message: 'must be a whole number of tokens, at least 1' });
  }
  if (duration !== undefined && !(Number.isSafeInteger(duration) && (duration as number) >= 1 && (duration as number) <= LONGEST_DURATION)) {
    issues.push({ path: at('duration'), message: `is in seconds and must be a whole number from 1 to ${LONGEST_DURATION} (an hour): for a minute pass 60, not 60000` });
  }
  if (limiter !== undefined) {
    if (!isLimiter(limiter)) issues.push({ path: at('limiter'), message: 'must be a rate-limiter-flexible limiter (anything with consume(key))' });
    else if (points !== undefined || duration !== undefined) {
      issues.push({ path: at('limiter'), message: 'has its own points and duration: set them on the limiter, not beside it' });
    }
  }
  if (key !== undefined && typeof key !== 'function') {
    issues.push({ path: at('key'), message: 'must be a function (request, authorized) => string, or left out to count per signed-in user' });
  }
  return issues;
}

/**
 * Builds the limit an already checked option describes, or `undefined` for `false`. Left out, the
 * option is {@link DEFAULT_RATE_LIMIT} in memory, keyed by `defaultKey`.
 *
 * A limiter that fails (its store is down) or takes longer than {@link LIMITER_PATIENCE} lets the
 * request through as `unavailable`: failing closed would refuse every user a dashboard because
 * Redis is down, while failing open costs only the limit, for as long as the store is away. The
 * handlers log each such request, so the outage is seen.
 */
export function createPerUserLimit<Authorized>(
  option: RateLimitOptions<Authorized> | RateLimiterLike | false | undefined,
  defaultKey: (authorized: Authorized) => unknown,
): PerUserLimit<Authorized> | undefined {
  if (option === false) return undefined;
  const settings: RateLimitOptions<Authorized> = option === undefined ? {} : isLimiter(option) ? { limiter: option } : option;
  const points = settings.limiter ? undefined : (settings.points ?? DEFAULT_RATE_LIMIT.points);
  const duration = settings.limiter ? undefined : (settings.duration ?? DEFAULT_RATE_LIMIT.duration);
  const limiter: RateLimiterLike = settings.limiter ?? new RateLimiterMemory({ points: points!, duration: duration! });
  const keyOf = settings.key ?? ((_request: Request, authorized: Authorized) => defaultKey(authorized));
  const byDefault = settings.key === undefined;
  return async (request, authorized) => {
    const read = readKey(await keyOf(request, authorized), byDefault);
    if (read === undefined) return { outcome: 'unkeyed', byDefault };
    const key = read.length > LONGEST_KEY ? `sha256:${await sha256(read)}` : read;
    // Through a promise, so a limiter that throws instead of rejecting is a failing limiter too.
    const answer = await settle(Promise.resolve().then(() => limiter.consume(key)));
    if (answer.fulfilled) return { outcome: 'allowed' };
    const msBeforeNext = waitOf(answer.reason);
    if (msBeforeNext !== undefined) {
      return { outcome: 'limited', retryAfter: Math.min(LONGEST_RETRY_AFTER, Math.max(1, Math.ceil(msBeforeNext / 1000))), points, duration, key: read };
    }
    return { outcome: 'unavailable', error: answer.reason, timedOut: answer.timedOut };
  };
}

/**
 * The `msBeforeNext` of a rejection that says the points are spent, or `undefined` for any other:
 * rate-limiter-flexible rejects with its RateLimiterRes when they are, and with an Error when its
 * store failed (a RateLimiterRes is not an Error). A rejection that throws when read (a Proxy) is
 * a failing limiter too.
 */
function waitOf(reason: unknown): number | undefined {
  const isError = guarded(() => reason instanceof Error);
  if (!isError.ok || isError.value) return undefined;
  const msBeforeNext = readGuarded(reason, 'msBeforeNext');
  return msBeforeNext.ok && typeof msBeforeNext.value === 'number' && Number.isFinite(msBeforeNext.value) ? msBeforeNext.value : undefined;
}

function isLimiter(value: unknown): value is RateLimiterLike {
  return typeof (value as { consume?: unknown } | null)?.consume === 'function';
}

/**
 * A usable key: a non-empty string, or a finite number made one. `null` and `undefined` leave the
 * request unlimited. Anything else from the host's own `key` is a bug that would silently turn the
 * limit off for everyone (`key: (request, user) => user` answers an object), so it is a
 * `ValidationError`, and the request answers 500 as when `authorize` fails; from the default key
 * (an input without a user) it leaves the request unlimited, which the handler says once.
 */
function readKey(value: unknown, byDefault: boolean): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value !== '') return value;
  if (value === null || value === undefined || byDefault) return undefined;
  throw new ValidationError('rate-limit key', [
    { path: ['rateLimit', 'key'], message: `must answer a non-empty string or a finite number, or null or undefined to leave the request unlimited; it answered ${kindOf(value)}` },
  ]);
}

/** What a value is, without quoting it: it may be the user. */
function kindOf(value: unknown): string {
  if (value === '') return 'an empty string';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

async function sha256(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

type Settled = { fulfilled: true } | { fulfilled: false; reason: unknown; timedOut: boolean };

function saidFalse(): ValidationError {
  return new ValidationError('rate limiter answer', [
    { path: ['rateLimit', 'limiter'], message: 'resolved false: a limiter refuses by rejecting with { msBeforeNext } (rate-limiter-flexible’s RateLimiterRes), so the request went through' },
  ]);
}

/**
 * The limiter's answer, or a failure once {@link LIMITER_PATIENCE} has passed without one. Without
 * the token store's late turn: a limiter wrongly taken for dead costs one request counted nowhere
 * and nothing after it, where a store wrongly taken for dead starts an outage (its warnings, and
 * tokens fetched per process).
 */
async function settle(consumed: Promise<unknown>): Promise<Settled> {
  const answer = consumed.then(
    // A hand-written limiter answering `false` for "no" would otherwise let everyone through
    // unseen: rate-limiter-flexible refuses by rejecting. It counts as a failing limiter, reported.
    (value): Settled => (value === false ? { fulfilled: false, reason: saidFalse(), timedOut: false } : { fulfilled: true }),
    (reason: unknown): Settled => ({ fulfilled: false, reason, timedOut: false }),
  );
  const settled = await withinDeadline(answer, LIMITER_PATIENCE);
  return settled === TIMED_OUT
    ? { fulfilled: false, reason: new Error(`the rate limiter did not answer within ${LIMITER_PATIENCE} ms`), timedOut: true }
    : settled;
}
