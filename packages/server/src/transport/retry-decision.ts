/**
 * Whether a failed attempt is tried again, and after how long: one decision per attempt,
 * made by oemkit and handed to ky.
 *
 * @module
 */
import { HTTPError, TimeoutError } from 'ky';
import { RefusedExchange } from './bounded-exchange.js';
import { readRetryAfter } from './retry-after.js';
import type { RetryPolicy } from './transport-option-checks.js';

/** @internal The statuses worth another attempt: the vendor was busy, slow or briefly down. */
export const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];
const FIRST_BACKOFF = 300;

/** @internal Whether to try again, and if so the wait before the next attempt, in milliseconds. */
export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

const NO_RETRY: RetryDecision = { retry: false };

/**
 * @internal Decides a failed attempt (`attempt` counts from 1): connection errors, 408, 429 and
 * 5xx are retried after the wait the server asked for (up to `maxRetryAfter`; longer is no retry)
 * or, without one it can read, after an exponential backoff from 300 ms with full jitter, capped
 * at `backoffLimit`. Timeouts, refused exchanges (a redirect, a body too large) and other 4xx are not.
 */
export function decideRetry(error: Error, attempt: number, policy: RetryPolicy, random: () => number = Math.random): RetryDecision {
  if (error instanceof RefusedExchange || error instanceof TimeoutError) return NO_RETRY;
  if (error instanceof HTTPError) {
    if (!RETRY_STATUSES.includes(error.response.status)) return NO_RETRY;
    const retryAfter = readRetryAfter(error.response.headers);
    if (retryAfter !== undefined) return retryAfter * 1000 <= policy.maxRetryAfter ? { retry: true, delayMs: retryAfter * 1000 } : NO_RETRY;
  }
  return { retry: true, delayMs: random() * Math.min(policy.backoffLimit, FIRST_BACKOFF * 2 ** (attempt - 1)) };
}

/** @internal ky's two retry hooks, fed by one decision per attempt. */
export interface RetryHooks {
  shouldRetry(state: { error: Error; retryCount: number }): boolean;
  delay(retryCount: number): number;
}

/**
 * @internal ky asks about each failed attempt twice, with the same attempt number: `shouldRetry`
 * (whether), then `delay` (how long). Both read the one decision `decide` made for that attempt,
 * so the wait is never one decided for another attempt.
 */
export function retryHooks(decide: (error: Error, attempt: number) => RetryDecision): RetryHooks {
  const delays = new Map<number, number>();
  return {
    shouldRetry: ({ error, retryCount }) => {
      const decision = decide(error, retryCount);
      if (decision.retry) delays.set(retryCount, decision.delayMs);
      return decision.retry;
    },
    delay: (retryCount) => delays.get(retryCount) ?? 0,
  };
}
