import { HTTPError, TimeoutError } from 'ky';
import { describe, expect, it } from 'vitest';
import { attempt, type Attempts } from '../../src/transport/attempts.js';
import type { RetryDecision } from '../../src/transport/retry-decision.js';

const URL_ = 'https://vendor.test/oem/setup';

/** A request's attempts on `fetchImpl`, recording each counted attempt and each decision asked for. */
function attemptsOn(fetchImpl: typeof fetch, overrides: Partial<Attempts> = {}) {
  const counted: number[] = [];
  const decided: number[] = [];
  const attempts: Attempts = {
    url: URL_,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    signal: undefined,
    timeout: 1_000,
    rules: { acceptRedirect: false, readBody: true, body: '{"email":"ana@example.com"}' },
    alsoOk: undefined,
    fetch: fetchImpl,
    retry: { limit: 2, backoffLimit: 10, maxRetryAfter: 30_000 },
    onAttempt: () => counted.push(counted.length + 1),
    decide: (error: Error, number: number): RetryDecision => {
      decided.push(number);
      return error instanceof HTTPError && error.response.status === 503 ? { retry: true, delayMs: 1 } : { retry: false };
    },
    ...overrides,
  };
  return { attempts, counted, decided };
}

const json = (status: number, body: object) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('attempt', () => {
  it('answers with the first attempt when it succeeds, counting one attempt and deciding nothing', async () => {
    const sent: RequestInit[] = [];
    const { attempts, counted, decided } = attemptsOn(async (_url, init) => (sent.push(init!), json(200, { ticket: 't-1' })));
    const response = await attempt(attempts);
    expect(response.status).toBe(200);
    expect(counted).toEqual([1]);
    expect(decided).toEqual([]);
    expect(sent[0]).toMatchObject({ method: 'POST', redirect: 'manual', body: '{"email":"ana@example.com"}' });
  });

  it('numbers the retries through ky after the first attempt, so each decision is for its own attempt', async () => {
    const answers = [json(503, {}), json(503, {}), json(200, { ticket: 't-3' })];
    const { attempts, counted, decided } = attemptsOn(async () => answers.shift()!);
    const response = await attempt(attempts);
    expect(response.status).toBe(200);
    expect(counted).toEqual([1, 2, 3]);
    expect(decided).toEqual([1, 2]);
  });

  it('throws the last answer as an HTTPError once the retry limit is spent', async () => {
    const { attempts, counted, decided } = attemptsOn(async () => json(503, {}), { retry: { limit: 1, backoffLimit: 10, maxRetryAfter: 30_000 } });
    const error = await attempt(attempts).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(HTTPError);
    expect((error as HTTPError).response.status).toBe(503);
    expect(counted).toEqual([1, 2]);
    expect(decided).toEqual([1]);
  });

  it('times out a first attempt whose answer never comes, aborting its fetch, without a retry', async () => {
    let signal: AbortSignal | undefined;
    const { attempts, decided } = attemptsOn((_url, init) => ((signal = init!.signal!), new Promise<Response>(() => {})), { timeout: 20 });
    await expect(attempt(attempts)).rejects.toBeInstanceOf(TimeoutError);
    expect(signal?.aborted).toBe(true);
    expect(decided).toEqual([1]);
  });

  it('stops the first attempt when the caller aborts, with the caller’s reason', async () => {
    const controller = new AbortController();
    const reason = new Error('the client closed the connection');
    let signal: AbortSignal | undefined;
    const { attempts } = attemptsOn((_url, init) => ((signal = init!.signal!), controller.abort(reason), new Promise<Response>(() => {})), { signal: controller.signal });
    await expect(attempt(attempts)).rejects.toBe(reason);
    expect(signal?.aborted).toBe(true);
  });

  it('counts no attempt and decides no retry for a request the runtime refuses to build', async () => {
    const { attempts, counted, decided } = attemptsOn((url, init) => globalThis.fetch(url, init), { headers: { authorization: 'Bearer a\nb' } });
    await expect(attempt(attempts)).rejects.toBeInstanceOf(TypeError);
    expect(counted).toEqual([]);
    expect(decided).toEqual([]);
  });
});
