import { HTTPError, TimeoutError, type NormalizedOptions } from 'ky';
import { describe, expect, it } from 'vitest';
import { RefusedExchange } from '../../src/transport/bounded-exchange.js';
import { decideRetry, retryHooks, type RetryDecision } from '../../src/transport/retry-decision.js';

const POLICY = { limit: 2, backoffLimit: 10_000, maxRetryAfter: 30_000 };
const request = new Request('https://api.test/token', { method: 'POST' });
const always = (value: number) => () => value;

function answered(status: number, headers: Record<string, string> = {}): HTTPError {
  return new HTTPError(new Response(null, { status, headers }), request, {} as NormalizedOptions);
}

describe('decideRetry', () => {
  it('retries a 503 after the Retry-After wait, in milliseconds and without jitter', () => {
    expect(decideRetry(answered(503, { 'retry-after': '2' }), 1, POLICY, always(0))).toEqual({ retry: true, delayMs: 2_000 });
  });

  it('retries after a wait of exactly maxRetryAfter, and not after a longer one', () => {
    expect(decideRetry(answered(429, { 'retry-after': '30' }), 1, POLICY)).toEqual({ retry: true, delayMs: 30_000 });
    expect(decideRetry(answered(429, { 'retry-after': '31' }), 1, POLICY)).toEqual({ retry: false });
  });

  it('backs off exponentially from 300 ms with full jitter when no wait is given', () => {
    expect(decideRetry(answered(500), 1, POLICY, always(1))).toEqual({ retry: true, delayMs: 300 });
    expect(decideRetry(answered(502), 3, POLICY, always(1))).toEqual({ retry: true, delayMs: 1_200 });
    expect(decideRetry(answered(504), 3, POLICY, always(0.5))).toEqual({ retry: true, delayMs: 600 });
  });

  it('caps the backoff at backoffLimit', () => {
    expect(decideRetry(answered(500), 10, { ...POLICY, backoffLimit: 1_000 }, always(1))).toEqual({ retry: true, delayMs: 1_000 });
  });

  it('backs off, rather than waiting the cap, for a wait it cannot read', () => {
    expect(decideRetry(answered(429, { 'retry-after': 'soon' }), 1, POLICY, always(1))).toEqual({ retry: true, delayMs: 300 });
  });

  it('backs off after a connection error', () => {
    expect(decideRetry(new TypeError('fetch failed'), 2, POLICY, always(1))).toEqual({ retry: true, delayMs: 600 });
  });

  it('does not retry a timeout, a refused exchange or a 4xx other than 408 and 429', () => {
    expect(decideRetry(new TimeoutError(request), 1, POLICY)).toEqual({ retry: false });
    expect(decideRetry(new RefusedExchange({ kind: 'redirect', status: 302, origin: undefined }), 1, POLICY)).toEqual({ retry: false });
    for (const status of [400, 401, 403, 404, 413, 422]) expect(decideRetry(answered(status), 1, POLICY), String(status)).toEqual({ retry: false });
    expect(decideRetry(answered(408), 1, POLICY, always(1))).toEqual({ retry: true, delayMs: 300 });
  });
});

describe('retryHooks', () => {
  it('decides each failed attempt once and waits the delay of that same decision', () => {
    const decisions: RetryDecision[] = [{ retry: true, delayMs: 250 }, { retry: true, delayMs: 40 }, { retry: false }];
    const asked: number[] = [];
    const hooks = retryHooks((_error, attempt) => {
      asked.push(attempt);
      return decisions[attempt - 1]!;
    });
    const error = new TypeError('fetch failed');
    expect(hooks.shouldRetry({ error, retryCount: 1 })).toBe(true);
    expect(hooks.delay(1)).toBe(250);
    expect(hooks.shouldRetry({ error, retryCount: 2 })).toBe(true);
    expect(hooks.delay(2)).toBe(40);
    expect(hooks.shouldRetry({ error, retryCount: 3 })).toBe(false);
    expect(asked).toEqual([1, 2, 3]);
  });
});
