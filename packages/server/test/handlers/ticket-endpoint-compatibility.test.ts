import { describe, expect, it } from 'vitest';
import { readTicketAnswer, readTicketId, SESSION_KEY_HEADER, type TicketAnswer } from '@oemkit/schema';
import { AstratoClient, createTicketHandler, type SetupInput } from '../../src/index.js';
import { createAstratoEmulator } from '../../src/testing.js';

type Endpoint = (request: Request) => Promise<Response>;

const ENDPOINT = 'https://app.example.com/api/astrato-ticket';
const ana: SetupInput = { email: 'ana@example.com', groupNames: ['Viewers'] };

function astrato() {
  const emulator = createAstratoEmulator();
  const client = new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, baseUrl: 'http://astrato.test', fetch: emulator.fetch, retry: 0 });
  const setups = () => emulator.calls.filter((call) => call.path === '/oem/setup').length;
  return { client, setups };
}

/** A page written before session keys: it sends no header and reads the ticket with readTicketId. */
async function olderPage(endpoint: Endpoint): Promise<string | undefined> {
  return readTicketId(await (await endpoint(new Request(ENDPOINT, { method: 'POST' }))).json());
}

/** A page with session keys: it sends the key it remembers, if any, and reads with readTicketAnswer. */
async function newerPage(endpoint: Endpoint, remembered?: string): Promise<TicketAnswer | undefined> {
  const headers = remembered === undefined ? {} : { [SESSION_KEY_HEADER]: remembered };
  return readTicketAnswer(await (await endpoint(new Request(ENDPOINT, { method: 'POST', headers }))).json());
}

describe('an older page with a newer server', () => {
  it('gets a ticket every time, and each one is minted', async () => {
    const { client, setups } = astrato();
    const endpoint = createTicketHandler({ client, authorize: () => ana });
    const tickets = [];
    for (let i = 0; i < 4; i++) tickets.push(await olderPage(endpoint));
    expect(tickets.every((ticket) => typeof ticket === 'string')).toBe(true);
    expect(new Set(tickets).size).toBe(4);
    expect(setups()).toBe(4);
  });
});

describe('a newer page with an older server', () => {
  it('gets a ticket and no key from an endpoint whose client has only setup, header or not', async () => {
    const { client } = astrato();
    const endpoint = createTicketHandler({ client: { setup: (input, options) => client.setup(input, options) }, authorize: () => ana });
    const first = await newerPage(endpoint);
    expect(first).toEqual({ ticketId: expect.any(String) });
    // A key remembered from elsewhere changes nothing: the older server ignores the header.
    expect(await newerPage(endpoint, await client.sessionKey(ana))).toEqual({ ticketId: expect.any(String) });
  });

  it('gets a ticket and no key from a hand-written server answering { ticketId }', async () => {
    const older: Endpoint = async () => Response.json({ ticketId: 'tkt-older' });
    expect(await newerPage(older)).toEqual({ ticketId: 'tkt-older' });
    expect(await newerPage(older, `v1.${'A'.repeat(43)}`)).toEqual({ ticketId: 'tkt-older' });
  });

  it('drops a session key it cannot use from a hand-written server, keeping the ticket', async () => {
    const odd: Endpoint = async () => Response.json({ ticketId: 'tkt-odd', sessionKey: 'not valid!' });
    expect(await newerPage(odd)).toEqual({ ticketId: 'tkt-odd' });
  });
});

describe('a newer page with a newer server', () => {
  it('gets a ticket and its key, then for that key the key alone, minting once', async () => {
    const { client, setups } = astrato();
    const endpoint = createTicketHandler({ client, authorize: () => ana });
    const first = await newerPage(endpoint);
    expect(first).toEqual({ ticketId: expect.any(String), sessionKey: await client.sessionKey(ana) });
    expect(await newerPage(endpoint, first!.sessionKey)).toEqual({ sessionKey: first!.sessionKey });
    expect(setups()).toBe(1);
  });
});
