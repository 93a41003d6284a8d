import { decodeJwt } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { AstratoClient, AuthenticationError, ConnectionError, InvalidResponseError, RateLimitError } from '../../src/index.js';
import { createAstratoEmulator, type RunningEmulator } from '../../src/testing.js';

const BASE = 'http://astrato.emulator.test';

/** An emulator and a client on one controllable clock, talking in-process. */
function setup(start = Date.UTC(2026, 10, 21, 12)) {
  let clock = start;
  const now = () => clock;
  const emulator = createAstratoEmulator({ now });
  const client = new AstratoClient({
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    baseUrl: BASE,
    now,
    retry: { limit: 2, backoffLimit: 5 },
    fetch: emulator.fetch,
  });
  return { emulator, client, advance: (ms: number) => (clock += ms) };
}

async function redeem(emulator: ReturnType<typeof createAstratoEmulator>, ticket: string, origin = 'http://host.test') {
  return emulator.handle(new Request(`${BASE}/auth/proxy/oem/ticket/${ticket}?embed`, { headers: { origin } }));
}

describe('createAstratoEmulator', () => {
  it('issues 10-minute JWTs with expires_in as absolute epoch milliseconds, as the seed shows', async () => {
    const { emulator } = setup();
    const response = await emulator.handle(
      new Request(`${BASE}/auth/proxy/m2m/token`, { method: 'POST', body: JSON.stringify({ clientId: emulator.clientId, clientSecret: emulator.clientSecret }) }),
    );
    const body = (await response.json()) as { access_token: string; expires_in: number };
    expect(body.expires_in).toBe(Date.UTC(2026, 10, 21, 12) + 600_000);
    expect(decodeJwt(body.access_token).exp).toBe(body.expires_in / 1000);
  });

  it('refuses wrong credentials in Astrato’s error shape', async () => {
    const emulator = createAstratoEmulator();
    const client = new AstratoClient({ clientId: 'x', clientSecret: 'wrong', baseUrl: BASE, fetch: emulator.fetch });
    const error = await client.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ vendorCode: 'INVALID_CLIENT', correlationId: expect.any(String) });
  });

  it('runs the whole flow: setup creates the user, redemption sets the session cookie, sign-out ends it', async () => {
    const { emulator, client } = setup();
    const { ticket } = await client.setup({ email: 'ana@example.com', name: 'Ana', groupNames: ['Viewers'], filterParameters: { '[org_id].[string]': 'ID87' } });
    expect(emulator.users()).toMatchObject([{ email: 'ana@example.com', name: 'Ana' }]);
    const redeemed = await redeem(emulator, ticket);
    expect(redeemed.headers.get('access-control-allow-origin')).toBe('http://host.test');
    expect(redeemed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(await redeemed.json()).toMatchObject({ email: 'ana@example.com', groupIds: ['grp-viewers'] });
    const cookie = redeemed.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^astrato_session=[\w-]+; Path=\/; HttpOnly; Max-Age=604800; SameSite=Lax$/);
    const session = cookie.split(';')[0]!;
    const page = await (await emulator.handle(new Request(`${BASE}/embed/demo`, { headers: { cookie: session } }))).text();
    expect(page).toContain('Signed in as ana@example.com');
    expect(page).toContain('[org_id].[string]');
    await client.signOut({ cookie: session });
    expect((await emulator.handle(new Request(`${BASE}/auth/proxy/session`, { headers: { cookie: session } }))).status).toBe(401);
    expect(emulator.counts).toEqual({ tokensIssued: 1, ticketsIssued: 1, ticketsRedeemed: 1, signOuts: 1 });
  });

  it('serves an embed page that reports 401Error when there is no session', async () => {
    const { emulator } = setup();
    const page = await (await emulator.handle(new Request(`${BASE}/embed/demo`))).text();
    expect(page).toContain('"signedIn":false');
    expect(page).toContain("message: '401Error'");
  });

  it('makes tickets single use', async () => {
    const { emulator, client } = setup();
    const { ticket } = await client.setup({ email: 'ana@example.com', groupIds: ['grp-viewers'] });
    expect((await redeem(emulator, ticket)).status).toBe(200);
    const again = await redeem(emulator, ticket);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ code: 'TICKET_INVALID' });
  });

  it('expires tickets after 60 seconds on its clock', async () => {
    const { emulator, client, advance } = setup();
    const { ticket } = await client.setup({ email: 'ana@example.com' });
    advance(60_001);
    expect((await redeem(emulator, ticket)).status).toBe(401);
  });

  it('expires tokens after 10 minutes, and the client renews them', async () => {
    const { emulator, client, advance } = setup();
    await client.setup({ email: 'ana@example.com' });
    advance(11 * 60_000);
    await client.setup({ email: 'ana@example.com' });
    expect(emulator.counts.tokensIssued).toBe(2);
  });

  it('refuses setup for a group that does not exist', async () => {
    const { client } = setup();
    await expect(client.setup({ email: 'ana@example.com', groupNames: ['Nobody'] })).rejects.toMatchObject({ status: 400, vendorCode: 'GROUP_NOT_FOUND' });
  });

  it('refuses a token it did not sign', async () => {
    const { emulator } = setup();
    const foreignToken = await setup().client.getAccessToken();
    const response = await emulator.handle(
      new Request(`${BASE}/oem/setup`, { method: 'POST', headers: { authorization: `Bearer ${foreignToken}` }, body: JSON.stringify({ email: 'a@b.co' }) }),
    );
    expect(response.status).toBe(401);
  });

  it('refuses a setup body outside the grammar with its vendor code', async () => {
    const { emulator, client } = setup();
    const token = await client.getAccessToken();
    const response = await emulator.handle(
      new Request(`${BASE}/oem/setup`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ email: 'a@b.co', filterParameters: { org: 'x' } }) }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'INVALID_REQUEST_BODY', message: expect.stringContaining('[name].[type]') });
  });

  it('records the calls it received', async () => {
    const { emulator, client } = setup();
    await client.setup({ email: 'ana@example.com' });
    expect(emulator.calls.map(({ method, path, status }) => `${method} ${path} ${status}`)).toEqual(['POST /auth/proxy/m2m/token 200', 'POST /oem/setup 200']);
  });

  it('injects a status N times, after which requests succeed', async () => {
    const { emulator, client } = setup();
    emulator.faults.add({ path: '/oem/setup', times: 2, action: { status: 503 } });
    await expect(client.setup({ email: 'ana@example.com' })).resolves.toMatchObject({ ticket: expect.any(String) });
    expect(emulator.calls.filter((call) => call.path === '/oem/setup').map((call) => call.status)).toEqual([503, 503, 200]);
  });

  it('injects 429 with Retry-After, dropped connections and malformed bodies', async () => {
    const { emulator, client } = setup();
    emulator.faults.add({ path: '/auth/proxy/m2m/token', action: { rateLimit: 120 } });
    await expect(client.getAccessToken()).rejects.toBeInstanceOf(RateLimitError);
    emulator.faults.clear();
    emulator.faults.add({ path: '/auth/proxy/m2m/token', action: { drop: true } });
    await expect(client.getAccessToken()).rejects.toBeInstanceOf(ConnectionError);
    emulator.faults.clear();
    emulator.faults.add({ path: '/auth/proxy/m2m/token', times: 1, action: { body: 'html' } });
    await expect(client.getAccessToken()).rejects.toBeInstanceOf(InvalidResponseError);
    emulator.faults.add({ path: '/auth/proxy/m2m/token', times: 1, action: { body: 'malformed' } });
    await expect(client.getAccessToken()).rejects.toBeInstanceOf(InvalidResponseError);
  });
});

describe('the emulator as a server on 127.0.0.1', () => {
  let running: RunningEmulator | undefined;
  afterEach(async () => running?.close());

  it('serves the client over loopback and closes a dropped connection for real', async () => {
    const emulator = createAstratoEmulator();
    running = await emulator.listen();
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, baseUrl: running.url, retry: 0 });
    await expect(client.setup({ email: 'ana@example.com' })).resolves.toMatchObject({ ticket: expect.any(String) });
    emulator.faults.add({ path: '/oem/setup', times: 1, action: { drop: true } });
    await expect(client.setup({ email: 'ana@example.com' })).rejects.toBeInstanceOf(ConnectionError);
  });

  it('adds latency that the client’s timeout sees', async () => {
    const emulator = createAstratoEmulator();
    running = await emulator.listen();
    emulator.faults.add({ path: '/auth/proxy/m2m/token', times: 1, action: { latency: 300 } });
    const client = new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, baseUrl: running.url, retry: 0, timeout: 50 });
    await expect(client.getAccessToken()).rejects.toMatchObject({ code: 'TIMEOUT' });
  });
});

describe('blockSessionCookies', () => {
  it('redeems without setting a cookie while set, as a browser blocking third-party cookies would see it', async () => {
    const { emulator, client } = setup();
    emulator.blockSessionCookies = true;
    const blocked = await redeem(emulator, (await client.setup({ email: 'ana@example.com' })).ticket);
    expect(blocked.status).toBe(200);
    expect(blocked.headers.get('set-cookie')).toBeNull();
    emulator.blockSessionCookies = false;
    const allowed = await redeem(emulator, (await client.setup({ email: 'ana@example.com' })).ticket);
    expect(allowed.headers.get('set-cookie')).toMatch(/^astrato_session=/);
  });
});
