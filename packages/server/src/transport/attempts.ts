/**
 * The attempts of one request: the first made directly ({@link directAttempt}), and only when
 * it fails and the retry decision says so, the rest through ky, which carries out each wait and
 * attempt that oemkit decides (`retry-decision.ts`). Every attempt is the same bounded exchange.
 *
 * @module
 */
import ky, { HTTPError, TimeoutError } from 'ky';
import type { RetryPolicy } from './transport-option-checks.js';
import { RefusedExchange, boundedFetch, type ExchangeRules } from './bounded-exchange.js';
import { directAttempt, type DirectAttempt } from './direct-attempt.js';
import { RETRY_STATUSES, retryHooks, type RetryDecision } from './retry-decision.js';

/** @internal One request's attempts: what each sends, and who decides a retry. */
export interface Attempts extends DirectAttempt {
  fetch: typeof fetch;
  retry: RetryPolicy;
  /** Counts each attempt that was sent (not one the runtime refused to build). */
  onAttempt(): void;
  /** Decides failed attempt number `attempt` (from 1), and says so in the call's telemetry. */
  decide(error: Error, attempt: number): RetryDecision;
}

/**
 * @internal The answer of the first attempt that succeeds, or what the last one threw (as ky
 * throws it: `HTTPError`, `TimeoutError`, the abort reason, what the exchange threw).
 */
export async function attempt(attempts: Attempts): Promise<Response> {
  let failure: unknown;
  try {
    const response = await directAttempt(attempts.fetch, attempts);
    attempts.onAttempt();
    return response;
  } catch (error) {
    // A request the runtime refuses to build (a header value it rejects) was never sent: as with
    // ky, which builds its `Request` before its first attempt, it counts no attempt and is not retried.
    if (!sent(error, attempts)) throw error;
    attempts.onAttempt();
    failure = error;
  }
  if (attempts.retry.limit === 0) throw failure;
  // ky wraps a thrown value that is not an Error before deciding on it; so does this.
  const decision = attempts.decide(failure instanceof Error ? failure : new Error(String(failure)), 1);
  if (!decision.retry) throw failure;
  await pause(decision.delayMs, attempts.signal);
  return retried(attempts);
}

/**
 * Whether a failed direct attempt went out. Only a failure that could be the runtime refusing the
 * request is checked, by building it as ky would have: never on the way of an answer.
 */
function sent(error: unknown, { url, method, headers, signal }: Attempts): boolean {
  if (error instanceof HTTPError || error instanceof TimeoutError || error instanceof RefusedExchange || signal?.aborted) return true;
  try {
    new Request(url, { method, ...(headers ? { headers } : {}) });
    return true;
  } catch {
    return false;
  }
}

/** The attempts after the first, through ky: its retry numbers count from the second attempt. */
function retried(attempts: Attempts): Promise<Response> {
  const { url, method, headers, signal, timeout, rules, retry, alsoOk } = attempts;
  return ky(url, {
    method,
    ...(headers ? { headers } : {}),
    ...(signal ? { signal } : {}),
    redirect: 'manual',
    timeout,
    fetch: boundedFetch(attempts.fetch, rules satisfies ExchangeRules, attempts.onAttempt),
    throwHttpErrors: (status) => !alsoOk?.(status),
    retry: {
      limit: retry.limit - 1,
      // Both POSTs are safe to repeat: a second token is harmless, an unused ticket expires in 60 s.
      methods: ['get', 'post'],
      statusCodes: RETRY_STATUSES,
      // Every wait is decided by decideRetry; ky only carries it out.
      afterStatusCodes: [],
      jitter: undefined,
      backoffLimit: Number.POSITIVE_INFINITY,
      ...retryHooks((error, retryCount) => attempts.decide(error, retryCount + 1)),
    },
  });
}

/** Waits `ms` before the next attempt, or rejects with the abort reason as ky's wait does. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const done = () => {
      signal?.removeEventListener('abort', aborted);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const aborted = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', aborted, { once: true });
  });
}
