import { afterEach, describe, expect, it, vi } from 'vitest';
import { AstratoClient } from '../../src/index.js';
import { createAstratoEmulator, createDataBrainEmulator, type Emulator } from '../../src/testing.js';

const BASE = 'http://astrato.emulator.test';

afterEach(() => {
  vi.useRealTimers();
});

/** Whether `handle(request)` has answered after `ms` of fake time. */
async function answeredAfter(emulator: Emulator, request: Request, ms: number): Promise<{ answered: boolean; pending: Promise<Response> }> {
  let answered = false;
  const pending = emulator.handle(request).then((response) => {
    answered = true;
    return response;
  });
  await vi.advanceTimersByTimeAsync(ms);
  return { answered, pending };
}

describe('the emulators’ latency option', () => {
  it('holds every Astrato route for the latency: token, setup, redemption, embed page, session check, a 404 and a fault', async () => {
    // Setup runs on real timers first, for a ticket to redeem; then each route is timed on fake ones.
    // Its clock reads Date.now when called, so the fake timers below move it too.
    const emulator = createAstratoEmulator({ latency: 50, now: () => Date.now() });
    const client = new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, baseUrl: BASE, fetch: emulator.fetch });
    const { ticket } = await client.setup({ email: 'ana@acme.test', groupNames: ['Viewers'] });

    vi.useFakeTimers();
    emulator.faults.add({ path: '/auth/proxy/session', times: 1, action: { status: 503 } });
    const token = JSON.stringify({ clientId: emulator.clientId, clientSecret: emulator.clientSecret });
    const requests = [
      new Request(`${BASE}/auth/proxy/m2m/token`, { method: 'POST', body: token, headers: { 'content-type': 'application/json' } }),
      new Request(`${BASE}/oem/setup`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }),
      new Request(`${BASE}/auth/proxy/oem/ticket/${ticket}?embed`),
      new Request(`${BASE}/embed/sales-overview`),
      new Request(`${BASE}/__emulator/session`),
      new Request(`${BASE}/nowhere`),
      new Request(`${BASE}/auth/proxy/session`),
    ];
    for (const request of requests) {
      const early = await answeredAfter(emulator, request, 49);
      expect(early.answered, `${request.method} ${new URL(request.url).pathname} before 50 ms`).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      // No timer is left to run: the answer comes now (signing a token takes a real tick of crypto, so await it).
      await early.pending;
    }
    const timed = emulator.calls.slice(-requests.length);
    expect(timed.map((call) => call.status)).toEqual([200, 401, 200, 200, 200, 404, 503]);
    // The log shows the wait: each call arrived 50 ms before it was answered.
    expect(timed.map((call) => call.at - call.receivedAt)).toEqual(Array(requests.length).fill(50));
  });

  it('answers at once without the option', async () => {
    vi.useFakeTimers();
    const { answered } = await answeredAfter(createAstratoEmulator(), new Request(`${BASE}/embed/sales-overview`), 0);
    expect(answered).toBe(true);
  });

  it('holds DataBrain’s routes too', async () => {
    vi.useFakeTimers();
    const emulator = createDataBrainEmulator({ latency: 30 });
    const request = new Request('http://databrain.test/api/v2/guest-token/create', { method: 'POST', body: '{}' });
    expect((await answeredAfter(emulator, request, 29)).answered).toBe(false);
    expect((await answeredAfter(emulator, request.clone(), 30)).answered).toBe(true);
  });

  it('refuses a latency that is not a number of milliseconds a timer can wait', () => {
    expect(() => createAstratoEmulator({ latency: -1 })).toThrow(/^latency must be a number of milliseconds from 0 to 2147483647/);
    expect(() => createAstratoEmulator({ latency: Number.NaN })).toThrow(/^latency must be/);
    expect(() => createDataBrainEmulator({ latency: 2 ** 31 })).toThrow(/^latency must be/);
  });
});
