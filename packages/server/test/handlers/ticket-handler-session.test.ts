import { describe, expect, it, vi } from 'vitest';
import { SESSION_KEY_HEADER, ticketEndpointResponseSchema, ticketEndpointSessionResponseSchema } from '@oemkit/schema';
import { AstratoClient, createTicketHandler, type SetupInput, type TicketHandlerOptions } from '../../src/index.js';
import { createAstratoEmulator } from '../../src/testing.js';
import { sameSessionKey } from '../../src/handlers/same-session-key.js';

const ENDPOINT = 'https://app.example.com/api/astrato-ticket';
const ana: SetupInput = { email: 'ana@example.com', groupNames: ['Viewers'] };
const bob: SetupInput = { email: 'bob@example.com', groupNames: ['Viewers'] };

function tickets(options: Partial<TicketHandlerOptions> = {}, user: () => SetupInput | null = () => ana) {
  const emulator = createAstratoEmulator();
  const client = new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, baseUrl: 'http://astrato.test', fetch: emulator.fetch, retry: 0 });
  const errors: unknown[] = [];
  const handle = createTicketHandler({ client, authorize: user, onError: (error) => errors.push(error), ...options });
  const setups = () => emulator.calls.filter((call) => call.path === '/oem/setup').length;
  return { handle, client, errors, setups };
}

const post = (headers: Record<string, string> = {}) => new Request(ENDPOINT, { method: 'POST', headers: { cookie: 'session=ana', ...headers } });
const remembering = (key: string) => post({ [SESSION_KEY_HEADER]: key });
const answerOf = async (response: Response) => [response.status, await response.json()];

describe('createTicketHandler with a remembered session key', () => {
  it('answers the key alone, minting nothing, when the page remembers the session this user gets', async () => {
    const { handle, client, setups } = tickets();
    const key = await client.sessionKey(ana);
    const response = await handle(remembering(key));
    expect(await answerOf(response.clone())).toEqual([200, { sessionKey: key }]);
    expect(ticketEndpointSessionResponseSchema.parse(await response.json())).toEqual({ sessionKey: key });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(setups()).toBe(0);
  });

  it('mints a ticket with the key of the session it makes when the page sends no key', async () => {
    const { handle, client, setups } = tickets();
    const [status, body] = await answerOf(await handle(post()));
    expect(status).toBe(200);
    expect(ticketEndpointResponseSchema.parse(body)).toEqual({ ticketId: expect.any(String), sessionKey: await client.sessionKey(ana) });
    expect(Object.keys(body)).toEqual(['ticketId', 'sessionKey']);
    expect(setups()).toBe(1);
  });

  it('mints when the remembered key is another user’s, and answers the key of this user’s session', async () => {
    const { handle, client, setups } = tickets({}, () => bob);
    const [status, body] = await answerOf(await handle(remembering(await client.sessionKey(ana))));
    expect([status, body.sessionKey, typeof body.ticketId]).toEqual([200, await client.sessionKey(bob), 'string']);
    expect(setups()).toBe(1);
  });

  it('treats a header that is not a session key as no header', async () => {
    const { handle, client, setups } = tickets();
    const key = await client.sessionKey(ana);
    for (const header of ['not valid!', 'x'.repeat(129), `${key}!`, ` ${key}x`]) {
      const [status, body] = await answerOf(await handle(remembering(header)));
      expect([status, body.sessionKey, typeof body.ticketId]).toEqual([200, key, 'string']);
    }
    expect(setups()).toBe(4);
  });

  it('counts only minted tickets: many kept sessions, then still the one ticket a limit of 1 allows', async () => {
    const consumed: string[] = [];
    const { handle, client, setups } = tickets({ rateLimit: { points: 1, duration: 60 } });
    const spy = tickets({ rateLimit: { consume: async (key: string) => void consumed.push(key) } });
    const key = await client.sessionKey(ana);
    for (let i = 0; i < 5; i++) expect((await handle(remembering(key))).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await spy.handle(remembering(key))).status).toBe(200);
    expect(consumed).toEqual([]);
    const [status, body] = await answerOf(await handle(post()));
    expect([status, typeof body.ticketId]).toEqual([200, 'string']);
    expect((await handle(post())).status).toBe(429);
    // Once the limit is spent, a remembered session is still answered: it costs Astrato nothing.
    expect(await answerOf(await handle(remembering(key)))).toEqual([200, { sessionKey: key }]);
    expect(setups()).toBe(1);
  });

  it('answers a client with only setup as before: the ticket alone, header or not', async () => {
    const emulator = createAstratoEmulator();
    const client = new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, baseUrl: 'http://astrato.test', fetch: emulator.fetch, retry: 0 });
    const handle = createTicketHandler({ client: { setup: (input, options) => client.setup(input, options) }, authorize: () => ana });
    const key = await client.sessionKey(ana);
    for (const request of [post(), remembering(key)]) {
      const [status, body] = await answerOf(await handle(request));
      expect([status, Object.keys(body)]).toEqual([200, ['ticketId']]);
    }
  });

  it('still answers 405, 403 cross_site_request and 401 first, deriving no key', async () => {
    const setup = vi.fn(async () => ({ ticket: 't-1', expiresAt: new Date() }));
    const sessionKey = vi.fn(async () => `v1.${'A'.repeat(43)}`);
    const key = `v1.${'A'.repeat(43)}`;
    const handle = (user: SetupInput | null) => createTicketHandler({ client: { setup, sessionKey }, authorize: () => user, onError: () => {} });
    const withKey = (init: RequestInit & { headers?: Record<string, string> }) => new Request(ENDPOINT, { ...init, headers: { [SESSION_KEY_HEADER]: key, ...init.headers } });
    expect((await handle(ana)(withKey({ method: 'GET' }))).status).toBe(405);
    expect(await answerOf(await handle(ana)(withKey({ method: 'POST', headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' } })))).toEqual([403, { error: 'cross_site_request' }]);
    expect(await answerOf(await handle(null)(withKey({ method: 'POST' })))).toEqual([401, { error: 'unauthorized' }]);
    expect([setup.mock.calls.length, sessionKey.mock.calls.length]).toEqual([0, 0]);
  });

  it('answers 500 internal_error, minting nothing, when a hand-written client answers a key that is not one', async () => {
    const setup = vi.fn(async () => ({ ticket: 't-1', expiresAt: new Date() }));
    const errors: unknown[] = [];
    const handle = createTicketHandler({ client: { setup, sessionKey: async () => 'not valid!' }, authorize: () => ana, onError: (error) => errors.push(error) });
    expect(await answerOf(await handle(post()))).toEqual([500, { error: 'internal_error' }]);
    expect(setup).not.toHaveBeenCalled();
    expect(errors).toEqual([expect.objectContaining({ code: 'VALIDATION_ERROR' })]);
    expect(String((errors[0] as Error).message)).not.toContain('not valid!');
  });

  it('answers 500 for an invalid setup input before anything is minted or counted, as before', async () => {
    const consume = vi.fn(async () => ({}));
    const { handle, errors, setups } = tickets({ rateLimit: { consume } }, () => ({ email: 'not-an-email' }) as SetupInput);
    expect(await answerOf(await handle(post()))).toEqual([500, { error: 'internal_error' }]);
    expect([setups(), consume.mock.calls.length]).toEqual([0, 0]);
    expect(errors).toEqual([expect.objectContaining({ code: 'VALIDATION_ERROR' })]);
  });

  it('logs oemkit.ticket.session_kept for a kept session, without the user or the key', async () => {
    const events: [string, Record<string, unknown>][] = [];
    const record = (message: string, fields: Record<string, unknown>) => void events.push([message, fields]);
    const { handle, client } = tickets({ logger: { debug: record, info: record, warn: record, error: record } });
    const key = await client.sessionKey(ana);
    await handle(remembering(key));
    await handle(post());
    expect(events.map(([message]) => message)).toEqual(['oemkit.ticket.session_kept', 'oemkit.ticket.issued']);
    expect(events[0]![1]).toMatchObject({ handler: 'ticket', durationMs: expect.any(Number) });
    expect(JSON.stringify(events)).not.toContain(key);
    expect(JSON.stringify(events)).not.toContain('ana@');
  });
});

describe('sameSessionKey', () => {
  it('tells equal keys from any other, of the same length or not', () => {
    const key = `v1.${'A'.repeat(43)}`;
    expect(sameSessionKey(key, `v1.${'A'.repeat(43)}`)).toBe(true);
    expect(sameSessionKey(key, `v1.${'A'.repeat(42)}B`)).toBe(false);
    expect(sameSessionKey(key, `w1.${'A'.repeat(43)}`)).toBe(false);
    expect(sameSessionKey(key, key.slice(0, -1))).toBe(false);
    expect(sameSessionKey(key, '')).toBe(false);
  });
});
