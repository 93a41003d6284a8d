/**
 * The first attempt of a request, made without ky. Nearly every call succeeds at once, and ky
 * charged that call for machinery only a retry uses: a `Request` (which `fetch` then builds
 * again), an `AbortSignal.any` of the caller's signal and its own, its option merging and hooks.
 * This attempt keeps the same bounds with less: one controller for its deadline and the
 * caller's abort, and the same {@link exchange} (no redirect, body read under the deadline, capped).
 *
 * @module
 */
import { HTTPError, TimeoutError, type NormalizedOptions } from 'ky';
import { exchange, type ExchangeRules } from './bounded-exchange.js';

/** @internal What the direct attempt sends, and what it accepts. */
export interface DirectAttempt {
  url: string;
  method: string;
  headers: Record<string, string> | undefined;
  /** The caller's signal: aborting it stops the attempt, as it stops ky's. */
  signal: AbortSignal | undefined;
  /** The attempt's deadline in milliseconds, over the headers and the body, as ky's `timeout`. */
  timeout: number;
  rules: ExchangeRules;
  /** Statuses that are the answer although not 2xx (ky's `throwHttpErrors` turned off for them). */
  alsoOk: ((status: number) => boolean) | undefined;
}

/**
 * @internal Makes one attempt and gives its answer, or throws what ky would have thrown for it:
 * an `HTTPError` for a status that is not the answer, a `TimeoutError` once `timeout` passed, the
 * caller's abort reason, or what the exchange threw. So the retry decision and the failure
 * translation read a failure of this attempt exactly as one of ky's.
 */
export async function directAttempt(fetchImpl: typeof fetch, attempt: DirectAttempt): Promise<Response> {
  const { url, method, signal: caller } = attempt;
  if (caller?.aborted) throw caller.reason;
  const controller = new AbortController();
  // The error object is built only when the deadline passes: a `Request` costs, and only ky's errors need one.
  const timer = setTimeout(() => controller.abort(new TimeoutError(new Request(url, { method }))), attempt.timeout);
  const forward = () => controller.abort(caller!.reason);
  caller?.addEventListener('abort', forward, { once: true });
  try {
    const response = await exchange(fetchImpl, url, { method, headers: attempt.headers, signal: controller.signal }, attempt.rules);
    if (response.ok || attempt.alsoOk?.(response.status)) return response;
    // As ky's own: the options are ky's normalized ones, which no reader of the error looks at.
    throw new HTTPError(response, new Request(url, { method }), {} as NormalizedOptions);
  } finally {
    clearTimeout(timer);
    caller?.removeEventListener('abort', forward);
  }
}
