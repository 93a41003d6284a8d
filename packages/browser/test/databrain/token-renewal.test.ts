import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionError, type OemkitError } from '@oemkit/schema/errors';
import type { GuestTokenAnswer } from '@oemkit/schema/core';
import { createTokenRenewal, renewalDelay } from '../../src/databrain/token-renewal.js';

/** A renewal whose requests the test answers by hand, recording what it hands over and reports. */
function setup(renewBefore = 60_000) {
  const requests: { signal: AbortSignal; answer: (value: GuestTokenAnswer) => void; refuse: (error: OemkitError) => void }[] = [];
  const applied: GuestTokenAnswer[] = [];
  const failures: OemkitError[] = [];
  const renewal = createTokenRenewal({
    renewBefore,
    fetch: (signal) => new Promise((answer, refuse) => requests.push({ signal, answer, refuse })),
    apply: (answer) => applied.push(answer),
    fail: (error) => failures.push(error),
  });
  return { renewal, requests, applied, failures };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the guest-token renewal', () => {
  it('renews renewBefore ms before a token with a lifetime expires, and again for the next token', async () => {
    const { renewal, requests, applied } = setup(60_000);
    const first = renewal.renew();
    requests[0]!.answer({ token: 't-1', expiresIn: 600_000 });
    await first;
    expect(applied).toEqual([{ token: 't-1', expiresIn: 600_000 }]);
    await vi.advanceTimersByTimeAsync(539_999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    requests[1]!.answer({ token: 't-2', expiresIn: 600_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(applied.map((answer) => answer.token)).toEqual(['t-1', 't-2']);
    await vi.advanceTimersByTimeAsync(540_000);
    expect(requests).toHaveLength(3);
  });

  it('never renews in the first half of a short lifetime, so a one-minute token is not renewed in a loop', () => {
    expect(renewalDelay(60_000, 60_000)).toBe(30_000);
    expect(renewalDelay(90_000, 60_000)).toBe(45_000);
    expect(renewalDelay(3_600_000, 60_000)).toBe(3_540_000);
    // Beyond what a timer can wait, it renews at the longest wait rather than at once.
    expect(renewalDelay(40 * 86_400_000, 60_000)).toBe(2 ** 31 - 1);
  });

  it('renews only when asked when the answer has no lifetime (an older server, or a token that never expires)', async () => {
    const { renewal, requests } = setup();
    const first = renewal.renew();
    requests[0]!.answer({ token: 't-1' });
    await first;
    await vi.advanceTimersByTimeAsync(2 ** 31 - 1);
    expect(requests).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('makes one request for any number of renewals asked while one is in flight', async () => {
    const { renewal, requests, applied } = setup();
    const calls = [renewal.renew(), renewal.renew(), renewal.renew()];
    expect(requests).toHaveLength(1);
    requests[0]!.answer({ token: 't-1' });
    await Promise.all(calls);
    expect(applied).toHaveLength(1);
    // Once it has landed, the next signal is a new request.
    void renewal.renew();
    expect(requests).toHaveLength(2);
  });

  it('joins a renewal asked by the expiry signal when the timer fires meanwhile, and keeps one timer', async () => {
    const { renewal, requests } = setup(60_000);
    const first = renewal.renew();
    requests[0]!.answer({ token: 't-1', expiresIn: 120_000 });
    await first;
    void renewal.renew();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests).toHaveLength(2);
    requests[1]!.answer({ token: 't-2', expiresIn: 120_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('reports a failed request once, rejects its callers, and renews again on the next signal', async () => {
    const { renewal, requests, failures } = setup();
    const calls = [renewal.renew(), renewal.renew()];
    const error = new ConnectionError({ service: 'host', method: 'POST', url: '/api/databrain-token' }, new Error('offline'));
    requests[0]!.refuse(error);
    for (const call of calls) await expect(call).rejects.toBe(error);
    expect(failures).toEqual([error]);
    void renewal.renew();
    expect(requests).toHaveLength(2);
  });

  it('reports a failed timed renewal without an unhandled rejection, and leaves the next to the expiry signal', async () => {
    const { renewal, requests, failures } = setup(60_000);
    const first = renewal.renew();
    requests[0]!.answer({ token: 't-1', expiresIn: 120_000 });
    await first;
    await vi.advanceTimersByTimeAsync(60_000);
    requests[1]!.refuse(new ConnectionError({ service: 'host', method: 'POST', url: '/x' }, new Error('offline')));
    await vi.advanceTimersByTimeAsync(0);
    expect(failures).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('on destroy aborts the request in flight, ignores its answer, stops the timer, and does nothing after', async () => {
    const { renewal, requests, applied, failures } = setup(60_000);
    const first = renewal.renew();
    requests[0]!.answer({ token: 't-1', expiresIn: 120_000 });
    await first;
    const second = renewal.renew();
    renewal.destroy();
    renewal.destroy();
    expect(requests[1]!.signal.aborted).toBe(true);
    // A fetch that answers anyway (a test double, a getToken() that ignores the signal) is ignored.
    requests[1]!.answer({ token: 't-late', expiresIn: 120_000 });
    await expect(second).resolves.toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
    await expect(renewal.renew()).resolves.toBeUndefined();
    expect(requests).toHaveLength(2);
    expect(applied.map((answer) => answer.token)).toEqual(['t-1']);
    expect(failures).toEqual([]);
  });

  it('reports nothing when the request it aborted on destroy fails', async () => {
    const { renewal, requests, failures } = setup();
    const first = renewal.renew();
    renewal.destroy();
    requests[0]!.refuse(new ConnectionError({ service: 'host', method: 'POST', url: '/x' }, new Error('aborted')));
    await expect(first).resolves.toBeUndefined();
    expect(failures).toEqual([]);
  });
});
