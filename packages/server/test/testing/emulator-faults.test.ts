import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAstratoEmulator, createDataBrainEmulator, type Emulator, type FaultAction, type RunningEmulator } from '../../src/testing.js';

const BASE = 'http://vendor.emulator.test';
const TOKEN = '/auth/proxy/m2m/token';
const GUEST = '/api/v2/guest-token/create';
const SPACE = 0x20;

const both = [['Astrato', createAstratoEmulator, TOKEN], ['DataBrain', createDataBrainEmulator, GUEST]] as const;

/** POSTs a small credential-bearing body to `path`, through the emulator's in-process fetch or a real one. */
function post(emulator: Emulator, path: string, base = BASE, init: RequestInit = {}) {
  const send = base === BASE ? emulator.fetch : fetch;
  return send(`${base}${path}`, { method: 'POST', headers: { authorization: 'Bearer key', 'content-type': 'application/json' }, body: '{"secret":"s3"}', ...init });
}

function faulty(action: FaultAction, create: () => Emulator = createAstratoEmulator) {
  const emulator = create();
  emulator.faults.add({ action });
  return emulator;
}

let running: RunningEmulator[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(running.map((server) => server.close()));
  running = [];
});
async function listen(emulator: Emulator) {
  const server = await emulator.listen();
  running.push(server);
  return server.url;
}

describe('the redirect fault', () => {
  it.each(both)('answers the status with a Location and an empty body on %s', async (_, create, path) => {
    const emulator = faulty({ redirect: 308, location: 'https://elsewhere.test/x' }, create);
    const response = await post(emulator, path, BASE, { redirect: 'manual' });
    expect([response.status, response.headers.get('location'), await response.text()]).toEqual([308, 'https://elsewhere.test/x', '']);
  });

  it('is followed, in-process and over a socket, to a foreign server that sees a 307 POST with its body but no credentials', async () => {
    const foreign = createDataBrainEmulator();
    const location = `${await listen(foreign)}/collect`;
    const [inProcess, served] = [faulty({ redirect: 307, location }), faulty({ redirect: 307, location })];
    for (const response of [await post(inProcess, TOKEN), await post(served, TOKEN, await listen(served))]) {
      expect([response.redirected, response.url]).toEqual([true, location]);
    }
    expect(foreign.calls).toMatchObject([
      { method: 'POST', path: '/collect', body: '{"secret":"s3"}', headers: { 'content-type': 'application/json' } },
      { method: 'POST', path: '/collect', body: '{"secret":"s3"}', headers: { 'content-type': 'application/json' } },
    ]);
    expect(foreign.calls.map((call) => call.headers.authorization)).toEqual([undefined, undefined]);
  });

  it('is not followed in-process when told manual or error, and turns a POST into a bodiless GET for 301, 302 and 303', async () => {
    const foreign = createAstratoEmulator();
    const location = `${await listen(foreign)}/collect`;
    expect((await post(faulty({ redirect: 302, location }), TOKEN, BASE, { redirect: 'manual' })).status).toBe(302);
    await expect(post(faulty({ redirect: 302, location }), TOKEN, BASE, { redirect: 'error' })).rejects.toThrow(TypeError);
    expect(foreign.calls).toEqual([]);
    for (const status of [301, 302, 303] as const) await post(faulty({ redirect: status, location }), TOKEN);
    expect(foreign.calls.map(({ method, body, headers }) => [method, body, headers['content-type']])).toEqual(Array(3).fill(['GET', '', undefined]));
  });
});

describe('the trickle fault', () => {
  it('answers the status at once, then one space per interval, and clears its timer when the reader cancels', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const emulator = faulty({ trickle: { interval: 50 } });
    const response = await post(emulator, TOKEN);
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'application/json']);
    const reader = response.body!.getReader();
    for (let chunk = 0; chunk < 3; chunk++) {
      const read = reader.read();
      await vi.advanceTimersByTimeAsync(50);
      expect(await read).toEqual({ done: false, value: new Uint8Array([SPACE]) });
    }
    const pending = reader.read();
    expect(vi.getTimerCount()).toBe(1);
    await reader.cancel();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(vi.getTimerCount()).toBe(0);
    expect(emulator.calls[0]).toMatchObject({ status: 200, bytesSent: 3, cancelled: true });
  });

  it('sends its chunk and status, and holds no timer while nobody reads', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const response = await post(faulty({ trickle: { interval: 10, chunk: '{"a":', status: 503 } }, createDataBrainEmulator), GUEST);
    expect(response.status).toBe(503);
    expect(vi.getTimerCount()).toBe(0);
    const read = response.body!.getReader().read();
    await vi.advanceTimersByTimeAsync(10);
    expect(new TextDecoder().decode((await read).value)).toBe('{"a":');
  });

  it('sends the status and headers over a socket before the first chunk, and stops when the client hangs up', async () => {
    // The trickle's clock is the test's: each interval passes when the test says so.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const emulator = faulty({ trickle: { interval: 200 } });
    const response = await post(emulator, TOKEN, await listen(emulator));
    expect([response.status, emulator.calls[0]!.bytesSent]).toEqual([200, 0]);
    const reader = response.body!.getReader();
    const first = reader.read();
    await vi.advanceTimersByTimeAsync(200);
    expect((await first).value).toEqual(new Uint8Array([SPACE]));
    await reader.cancel();
    await vi.waitFor(() => expect(emulator.calls[0]).toMatchObject({ cancelled: true }));
    const sent = emulator.calls[0]!.bytesSent!;
    // Five intervals: a timer the trickle had left would have fired.
    await vi.advanceTimersByTimeAsync(5 * 200);
    expect(emulator.calls[0]!.bytesSent).toBe(sent);
  });

  it('lets close() end a trickle still being served, promptly', async () => {
    const emulator = faulty({ trickle: { interval: 20 } });
    const server = await emulator.listen();
    const response = await post(emulator, TOKEN, server.url);
    const reading = response.text().catch((error: unknown) => error);
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(500);
    expect(await reading).toBeInstanceOf(TypeError);
    expect(emulator.calls[0]).toMatchObject({ cancelled: true });
  });
});

describe('the oversized and endless faults', () => {
  it.each(both)('stream exactly the bytes asked in chunks of at most 64 KiB, declaring the length unless told not to, on %s', async (_, create, path) => {
    for (const declareLength of [true, false]) {
      const response = await post(faulty({ oversized: { bytes: 200_000, declareLength, status: 413 } }, create), path);
      expect([response.status, response.headers.get('content-length')]).toEqual([413, declareLength ? '200000' : null]);
      const sizes: number[] = [];
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) sizes.push(chunk.byteLength);
      expect(sizes).toEqual([65_536, 65_536, 65_536, 3_392]);
    }
  });

  it('serves an oversized body whole over a socket', async () => {
    const emulator = faulty({ oversized: { bytes: 1_000_001 } });
    const response = await post(emulator, TOKEN, await listen(emulator));
    expect(response.headers.get('content-length')).toBe('1000001');
    const body = new Uint8Array(await response.arrayBuffer());
    expect([body.byteLength, body.every((byte) => byte === SPACE)]).toEqual([1_000_001, true]);
    expect(emulator.calls[0]).toMatchObject({ bytesSent: 1_000_001, cancelled: false });
  });

  it('makes an endless body only as it is read, and stops it when the reader cancels', async () => {
    const emulator = faulty({ endless: { status: 400 } }, createDataBrainEmulator);
    const response = await post(emulator, GUEST);
    expect([response.status, response.headers.get('content-length')]).toEqual([400, null]);
    const reader = response.body!.getReader();
    for (let chunk = 0; chunk < 3; chunk++) await reader.read();
    await reader.cancel();
    expect(emulator.calls[0]).toMatchObject({ bytesSent: 3 * 65_536, cancelled: true });
  });

  it('stops an endless body over a socket when the client hangs up, having sent a bounded amount', async () => {
    const emulator = faulty({ endless: {} });
    const server = await emulator.listen();
    running.push(server);
    const response = await post(emulator, TOKEN, server.url);
    let read = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) if ((read += chunk.byteLength) > 1_000_000) break;
    await vi.waitFor(() => expect(emulator.calls[0]).toMatchObject({ cancelled: true }));
    const sent = emulator.calls[0]!.bytesSent!;
    expect(sent).toBeLessThan(read + 16 * 1024 * 1024);
    // Once the server is closed, with its connections, nothing is left that could read the body.
    await server.close();
    expect(emulator.calls[0]!.bytesSent).toBe(sent);
  });

  it('errors a body being read in-process and stops it when the request signal aborts', async () => {
    const emulator = faulty({ endless: {} });
    const controller = new AbortController();
    const reader = (await post(emulator, TOKEN, BASE, { signal: controller.signal })).body!.getReader();
    await reader.read();
    controller.abort(new Error('gave up'));
    await expect(reader.read()).rejects.toThrow('gave up');
    expect(emulator.calls[0]).toMatchObject({ bytesSent: 65_536, cancelled: true });
  });
});

describe('the echo fault', () => {
  const hostile = 'Bearer s3cr3t <script>';

  it('puts the string in every field of Astrato’s error and in x-correlation-id', async () => {
    const response = await post(faulty({ echo: hostile }), TOKEN);
    expect([response.status, response.headers.get('x-correlation-id')]).toEqual([400, hostile]);
    expect(await response.json()).toEqual({ message: hostile, code: hostile, correlationId: hostile });
  });

  it('puts the string in every field of DataBrain’s error, with the status given', async () => {
    const response = await post(faulty({ echo: hostile, status: 502 }, createDataBrainEmulator), GUEST);
    expect([response.status, response.headers.get('x-correlation-id')]).toEqual([502, hostile]);
    expect(await response.json()).toEqual({ error: { code: hostile, message: hostile } });
  });

  it.each(['a\r\nX-Injected: yes', 'nul\0', 'bell\x07', 'euro €', ' padded', 'tab\t'])('leaves out the header for %j, in-process and over a socket', async (value) => {
    const emulator = faulty({ echo: value });
    for (const base of [BASE, await listen(emulator)]) {
      const response = await post(emulator, TOKEN, base);
      expect([response.status, response.headers.get('x-correlation-id')]).toEqual([400, null]);
      expect(((await response.json()) as { code: string }).code).toBe(value);
    }
  });
});

describe('the json and rateLimit faults', () => {
  it('answers exactly the JSON given, with its status and headers', async () => {
    const response = await post(faulty({ json: { access_token: 'abc\ndef', expires_in: 600 }, status: 201, headers: { 'Content-Type': 'text/plain', 'x-extra': '1' } }), TOKEN);
    expect([response.status, response.headers.get('content-type'), response.headers.get('x-extra')]).toEqual([201, 'text/plain', '1']);
    expect(await response.text()).toBe('{"access_token":"abc\\ndef","expires_in":600}');
  });

  const forms = ['retry-after', 'ratelimit-reset', 'x-ratelimit-retry-after', 'x-ratelimit-reset', 'x-rate-limit-reset'] as const;
  it.each(forms)('sends %s with any value, as 429 or 503', async (header) => {
    for (const [value, status] of [[5, 429], ['soon', 503], ['Infinity', 429], ['Wed, 21 Oct 2026 07:28:00 GMT', 503], [1_795_000_000, 429]] as const) {
      const response = await post(faulty({ rateLimit: value, header, status }, createDataBrainEmulator), GUEST);
      expect([response.status, response.headers.get(header)]).toEqual([status, String(value)]);
    }
  });

  it('defaults to 429 with Retry-After', async () => {
    const response = await post(faulty({ rateLimit: 2 }), TOKEN);
    expect([response.status, response.headers.get('retry-after'), ((await response.json()) as { code: string }).code]).toEqual([429, '2', 'RATE_LIMITED']);
  });
});
