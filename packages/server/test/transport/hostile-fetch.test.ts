/**
 * Faults that a single row of the fault matrix cannot show: a user-supplied `fetch` that misbehaves,
 * the shared token fetch under a stalled vendor, a token that cannot be sent back, and memory.
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AstratoClient, DataBrainClient } from '../../src/index.js';
import { LARGEST_BODY } from '@oemkit/schema/internal';
import { createAstratoEmulator, createDataBrainEmulator, type RunningEmulator } from '../../src/testing.js';

const CLIENT_ID = 'hostile-client-id';
const CLIENT_SECRET = 'hostile-client-secret-Qw37';
const API_KEY = 'hostile-databrain-key-Pz90';
const TOKEN_PATH = '/auth/proxy/m2m/token';

const astrato = createAstratoEmulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
const foreign = createAstratoEmulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
let servers: RunningEmulator[] = [];
let astratoUrl = '';
let foreignUrl = '';

beforeAll(async () => {
  servers = await Promise.all([astrato.listen(), foreign.listen()]);
  [astratoUrl, foreignUrl] = servers.map((server) => server.url) as [string, string];
});
afterAll(() => Promise.all(servers.map((server) => server.close())));
beforeEach(() => astrato.faults.clear());

const client = (options: Partial<ConstructorParameters<typeof AstratoClient>[0]> = {}) =>
  new AstratoClient({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: astratoUrl, timeout: 800, retry: 0, ...options });

function everyRendering(error: unknown): string {
  return [String(error), JSON.stringify(error), inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })].join('\n');
}

describe('a user-supplied fetch', () => {
  it('that throws an error holding the request keeps neither the request nor the key in the cause', async () => {
    const leaky: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      throw Object.assign(new Error(`proxy refused ${request.headers.get('authorization')}`), { request, headers: request.headers, code: 'EPROXY' });
    };
    const databrain = new DataBrainClient({ apiKey: API_KEY, baseUrl: 'https://databrain.test', fetch: leaky, retry: 0 });
    const error = await databrain.createGuestToken({ clientId: 'acme', dataAppName: 'Sales App' }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'CONNECTION_ERROR', retryable: true });
    const cause = (error as Error).cause as Record<string, unknown>;
    expect(Object.keys(cause).sort()).toEqual(['code', 'name']);
    expect(cause).toMatchObject({ code: 'EPROXY', message: 'proxy refused Bearer [REDACTED]' });
    expect(everyRendering(error)).not.toContain(API_KEY);
  });

  it('that throws the request itself yields a plain cause that says so', async () => {
    const throwsRequest: typeof fetch = async (input, init) => {
      throw new Request(input, init);
    };
    const error = await client({ fetch: throwsRequest }).getAccessToken().catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'CONNECTION_ERROR' });
    expect(((error as Error).cause as Error).message).toBe('a non-Error value (object) was thrown');
    expect(everyRendering(error)).not.toContain(CLIENT_SECRET);
  });

  it('that answers with a network error (Response.error()) gives a ConnectionError that says so', async () => {
    const error = await client({ fetch: async () => Response.error() }).getAccessToken().catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'CONNECTION_ERROR', retryable: true });
    expect((error as Error).message).toMatch(/a network error/);
  });

  it('that follows a redirect anyway has its answer from the other origin refused, and nothing cached', async () => {
    const following: typeof fetch = (input, init) => fetch(input, { ...init, redirect: 'follow' });
    astrato.faults.add({ path: TOKEN_PATH, times: 1, action: { redirect: 307, location: `${foreignUrl}${TOKEN_PATH}` } });
    const astratoClient = client({ fetch: following });
    const error = await astratoClient.getAccessToken().catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'API_ERROR', retryable: false, redirectOrigin: foreignUrl });
    const issuedHere = astrato.counts.tokensIssued;
    await astratoClient.getAccessToken();
    expect(astrato.counts.tokensIssued).toBe(issuedHere + 1);
  });
});

describe('the shared token fetch', () => {
  it('settles within its deadline when the vendor trickles, and the next caller starts a fresh one', async () => {
    astrato.faults.add({ path: TOKEN_PATH, times: 1, action: { trickle: { interval: 50 } } });
    const astratoClient = client();
    const tokenCalls = () => astrato.calls.filter((call) => call.path === TOKEN_PATH).length;
    const tokenCallsBefore = tokenCalls();
    const started = performance.now();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => astratoClient.setup({ email: 'ana@acme.test', groupNames: ['Viewers'] })));
    expect(performance.now() - started).toBeLessThan(800 + 1_000);
    expect(results.map((result) => result.status === 'rejected' && (result.reason as { code: string }).code)).toEqual(Array(5).fill('TIMEOUT'));
    expect(tokenCalls() - tokenCallsBefore).toBe(1);
    await expect(astratoClient.setup({ email: 'ana@acme.test', groupNames: ['Viewers'] })).resolves.toMatchObject({ ticket: expect.any(String) });
  });

  it('never caches a token that cannot be sent in a header, and does not quote it', async () => {
    const bad = 'eyJtoken\r\nX-Injected: yes';
    astrato.faults.add({ path: TOKEN_PATH, times: 2, action: { json: { access_token: bad, expires_in: 600 } } });
    const astratoClient = client();
    for (const attempt of [1, 2]) {
      const error = await astratoClient.setup({ email: 'ana@acme.test' }).catch((thrown: unknown) => thrown);
      expect(error, `attempt ${attempt}`).toMatchObject({ code: 'INVALID_RESPONSE', retryable: false });
      expect(everyRendering(error)).not.toContain('X-Injected');
    }
    await expect(astratoClient.setup({ email: 'ana@acme.test' })).resolves.toMatchObject({ ticket: expect.any(String) });
    expect(astrato.calls.filter((call) => call.path === TOKEN_PATH).length).toBeGreaterThanOrEqual(3);
  });
});

describe('memory under an endless or oversized body', () => {
  it('reads at most the cap of an endless body, then cancels it', async () => {
    const inProcess = createAstratoEmulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    inProcess.faults.add({ path: TOKEN_PATH, action: { endless: {} } });
    const astratoClient = client({ baseUrl: 'http://astrato.local', fetch: inProcess.fetch });
    await expect(astratoClient.getAccessToken()).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
    const call = inProcess.calls.at(-1)!;
    expect(call.cancelled).toBe(true);
    expect(call.bytesSent).toBeLessThanOrEqual(LARGEST_BODY + 64 * 1024);
  });

  it('does not grow the heap by more than a few megabytes for a 256 MiB answer over a socket', async () => {
    astrato.faults.add({ path: TOKEN_PATH, action: { oversized: { bytes: 256 * 1024 * 1024, declareLength: false } } });
    const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const before = used();
    await expect(client().getAccessToken()).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
    // Without the cap this read 256 MiB into memory (and more as text); with it, one buffer of 64 KiB.
    expect(used() - before).toBeLessThan(32 * 1024 * 1024);
  });
});
