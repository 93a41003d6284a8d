import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AstratoClient, DataBrainClient, type Logger } from '../../src/index.js';
import { createAstratoEmulator, createDataBrainEmulator, type RunningEmulator } from '../../src/testing.js';

const astratoEmulator = createAstratoEmulator();
const dataBrainEmulator = createDataBrainEmulator();
let astrato: RunningEmulator;
let databrain: RunningEmulator;

beforeAll(async () => {
  [astrato, databrain] = await Promise.all([astratoEmulator.listen(), dataBrainEmulator.listen()]);
});
afterAll(() => Promise.all([astrato.close(), databrain.close()]));
afterEach(() => {
  astratoEmulator.faults.clear();
  dataBrainEmulator.faults.clear();
});

/** A logger that keeps every event as [level, event, fields]. */
function recorder() {
  const events: [string, string, Record<string, unknown>][] = [];
  const method = (level: string) => (event: string, fields: Record<string, unknown>) => void events.push([level, event, fields]);
  const logger: Logger = { debug: method('debug'), info: method('info'), warn: method('warn'), error: method('error') };
  return { logger, events, named: (name: string) => events.filter(([, event]) => event === name) };
}

const client = (logger: Logger, now?: () => number) =>
  new AstratoClient({
    clientId: astratoEmulator.clientId,
    clientSecret: astratoEmulator.clientSecret,
    baseUrl: astrato.url,
    retry: { limit: 2, backoffLimit: 5 },
    logger,
    ...(now ? { now } : {}),
  });

describe('the events of AstratoClient', () => {
  it('logs each token fetched with its lifetime, and whether it replaced one', async () => {
    const { logger, named } = recorder();
    let now = Date.now();
    const astratoClient = client(logger, () => now);
    await astratoClient.getAccessToken();
    now += 595_000; // past the expiry margin of a 10-minute token: the next call must wait for a fetch
    await astratoClient.getAccessToken();
    const fetched = named('oemkit.token.fetched');
    expect(fetched.map(([level, , fields]) => [level, fields.refreshed])).toEqual([
      ['info', false],
      ['info', true],
    ]);
    // The emulator's tokens live 10 minutes; the clock read before the request is the reference.
    expect(fetched[0]![2]).toMatchObject({ service: 'astrato', lifetimeMs: expect.any(Number) });
    expect(fetched[0]![2].lifetimeMs).toBeGreaterThan(590_000);
    expect(fetched[0]![2].lifetimeMs).toBeLessThanOrEqual(600_000 + 1_000);
  });

  it('logs each request finished at debug, with its route, status, duration and attempts', async () => {
    const { logger, named } = recorder();
    await client(logger).setup({ email: 'ana@example.com', groupNames: ['Viewers'] });
    expect(named('oemkit.request.finished')).toEqual([
      ['debug', 'oemkit.request.finished', { service: 'astrato', method: 'POST', route: '/auth/proxy/m2m/token', status: 200, durationMs: expect.any(Number), attempts: 1 }],
      ['debug', 'oemkit.request.finished', { service: 'astrato', method: 'POST', route: '/oem/setup', status: 200, durationMs: expect.any(Number), attempts: 1 }],
    ]);
  });

  it('logs each retry at warn with the attempt, the reason and the wait, then the attempts it took', async () => {
    const { logger, named } = recorder();
    astratoEmulator.faults.add({ path: '/oem/setup', times: 1, action: { status: 503 } });
    await client(logger).setup({ email: 'ana@example.com', groupNames: ['Viewers'] });
    expect(named('oemkit.request.retry')).toEqual([
      ['warn', 'oemkit.request.retry', { service: 'astrato', method: 'POST', route: '/oem/setup', attempt: 1, reason: '503', status: 503, waitMs: expect.any(Number) }],
    ]);
    expect(named('oemkit.request.finished').at(-1)?.[2]).toMatchObject({ route: '/oem/setup', status: 200, attempts: 2 });
  });

  it('logs a failed request at warn with oemkit’s code, the status and Astrato’s correlation id', async () => {
    const { logger, named } = recorder();
    astratoEmulator.faults.add({ path: '/oem/setup', action: { status: 403 } });
    await expect(client(logger).setup({ email: 'ana@example.com', groupNames: ['Viewers'] })).rejects.toThrow();
    const [level, , fields] = named('oemkit.request.finished').at(-1)!;
    expect(level).toBe('warn');
    expect(fields).toMatchObject({ route: '/oem/setup', status: 403, errorCode: 'AUTHENTICATION_ERROR', attempts: 1, correlationId: expect.stringMatching(/^[\da-f-]{36}$/) });
  });

  it('logs the sign-out by its route, never the cookie', async () => {
    const { logger, events } = recorder();
    await client(logger).signOut({ cookie: 'astrato_session=session-value-Q9' });
    expect(events).toEqual([['debug', 'oemkit.request.finished', expect.objectContaining({ method: 'GET', route: '/auth/proxy/0/sign_out', status: 204 })]]);
    expect(JSON.stringify(events)).not.toContain('session-value');
  });

  it('writes its events to pino as structured JSON', async () => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    await client(pino({ level: 'debug' }, stream)).getAccessToken();
    expect(lines).toEqual([
      expect.objectContaining({ level: 20, msg: 'oemkit.request.finished', route: '/auth/proxy/m2m/token', status: 200 }),
      expect.objectContaining({ level: 30, msg: 'oemkit.token.fetched', service: 'astrato', refreshed: false }),
    ]);
  });

  it('still answers when the logger throws', async () => {
    const logger: Logger = {
      debug: () => {
        throw new Error('log sink down');
      },
      info: () => {
        throw new Error('log sink down');
      },
    };
    await expect(client(logger).setup({ email: 'ana@example.com', groupNames: ['Viewers'] })).resolves.toMatchObject({ ticket: expect.any(String) });
  });

  it('refuses a logger that is not one when the client is made', () => {
    expect(() => client('console' as never)).toThrow(/logger: must be a logger/);
    expect(() => client({ info: true } as never)).toThrow(/logger: info must be a function/);
  });
});

describe('the events of DataBrainClient', () => {
  it('logs the guest-token request finished, by its versioned route', async () => {
    const { logger, events } = recorder();
    const databrainClient = new DataBrainClient({ apiKey: dataBrainEmulator.apiKey, baseUrl: databrain.url, logger });
    await databrainClient.createGuestToken({ clientId: 'acme', dataAppName: 'Sales App' });
    expect(events).toEqual([
      ['debug', 'oemkit.request.finished', { service: 'databrain', method: 'POST', route: '/api/v2/guest-token/create', status: 200, durationMs: expect.any(Number), attempts: 1 }],
    ]);
  });

  it('gives the console its events too, as the message and one object', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    const databrainClient = new DataBrainClient({ apiKey: dataBrainEmulator.apiKey, baseUrl: databrain.url, logger: console });
    await databrainClient.createGuestToken({ clientId: 'acme', dataAppName: 'Sales App' });
    expect(debug).toHaveBeenCalledExactlyOnceWith('oemkit.request.finished', expect.objectContaining({ service: 'databrain', status: 200 }));
  });
});
