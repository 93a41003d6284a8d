import { request as httpsRequest } from 'node:https';
import { describe, expect, it } from 'vitest';
import { createAstratoEmulator, type AstratoEmulator } from '../../src/testing.js';

const BASE = 'https://astrato.test';
/** What Chromium sends with a top-level navigation, and with a page's credentialed fetch. */
const NAVIGATION = { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', accept: 'text/html,application/xhtml+xml' };
const FETCH = { 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty', accept: '*/*', origin: 'https://host.test' };

/** A ticket for ana@example.com, set up over the m2m API. */
async function ticketFor(emulator: AstratoEmulator, base = BASE, send: (request: Request) => Promise<Response> = emulator.handle) {
  const token = await send(new Request(`${base}/auth/proxy/m2m/token`, { method: 'POST', body: JSON.stringify({ clientId: emulator.clientId, clientSecret: emulator.clientSecret }) }));
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  const setup = await send(
    new Request(`${base}/oem/setup`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ email: 'ana@example.com', groupNames: ['Viewers'] }) }),
  );
  return ((await setup.json()) as { ticket: string }).ticket;
}

describe('the Astrato emulator’s redemption, by how the browser asks', () => {
  it('answers a top-level navigation to ?embed with a redirect into Astrato that sets the session cookie, as the vendor’s custom-login pattern does', async () => {
    const emulator = createAstratoEmulator();
    const redirected = await emulator.handle(new Request(`${BASE}/auth/proxy/oem/ticket/${await ticketFor(emulator)}?embed`, { headers: NAVIGATION }));
    expect([redirected.status, redirected.headers.get('location')]).toEqual([302, '/']);
    const cookie = redirected.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^astrato_session=[^;]+; .*SameSite=None; Secure$/);
    const ui = await emulator.handle(new Request(`${BASE}/`, { headers: { cookie: cookie.split(';')[0]! } }));
    expect(await ui.text()).toContain('Signed in as ana@example.com');
  });

  it('tells a navigation by Accept: text/html alone, for a browser that sends no Sec-Fetch headers', async () => {
    const emulator = createAstratoEmulator();
    const redirected = await emulator.handle(new Request(`${BASE}/auth/proxy/oem/ticket/${await ticketFor(emulator)}?embed`, { headers: { accept: 'text/html' } }));
    expect([redirected.status, redirected.headers.get('location')]).toEqual([302, '/']);
  });

  it('keeps answering the user as JSON to a page’s fetch with ?embed', async () => {
    const emulator = createAstratoEmulator();
    const answer = await emulator.handle(new Request(`${BASE}/auth/proxy/oem/ticket/${await ticketFor(emulator)}?embed`, { headers: FETCH }));
    expect([answer.status, answer.headers.get('content-type'), answer.headers.get('access-control-allow-origin')]).toEqual([200, 'application/json', 'https://host.test']);
    expect(await answer.json()).toMatchObject({ email: 'ana@example.com' });
  });

  it('redirects a navigation without ?embed to / as well, and refuses a spent ticket either way', async () => {
    const emulator = createAstratoEmulator();
    const ticket = await ticketFor(emulator);
    const redirected = await emulator.handle(new Request(`${BASE}/auth/proxy/oem/ticket/${ticket}`, { headers: NAVIGATION }));
    expect([redirected.status, redirected.headers.get('location')]).toEqual([302, '/']);
    const spent = await emulator.handle(new Request(`${BASE}/auth/proxy/oem/ticket/${ticket}?embed`, { headers: NAVIGATION }));
    expect(spent.status).toBe(401);
  });
});

describe('the Astrato emulator’s call log of embed pages', () => {
  it('names the user whose session each embed-page load carried, and none for a load without one', async () => {
    const emulator = createAstratoEmulator();
    const redeemed = await emulator.handle(new Request(`${BASE}/auth/proxy/oem/ticket/${await ticketFor(emulator)}?embed`, { headers: FETCH }));
    const cookie = redeemed.headers.get('set-cookie')!.split(';')[0]!;
    await emulator.handle(new Request(`${BASE}/embed/demo`));
    await emulator.handle(new Request(`${BASE}/embed/demo`, { headers: { cookie } }));
    const pages = emulator.calls.filter((call) => call.path === '/embed/demo');
    expect(pages.map((call) => call.user)).toEqual([undefined, 'ana@example.com']);
    expect('user' in pages[0]!).toBe(false);
  });
});

/** GET over https trusting only `ca`, as a client given the emulator's certificate does. */
function getTrusting(url: string, ca: string) {
  return new Promise<{ status: number; cookie: string | undefined }>((resolve, reject) => {
    httpsRequest(url, { ca }, (response) => {
      response.resume();
      resolve({ status: response.statusCode!, cookie: response.headers['set-cookie']?.[0] });
    })
      .on('error', reject)
      .end();
  });
}

describe('the Astrato emulator over https on loopback', () => {
  it('serves https with a self-signed certificate for 127.0.0.1 and localhost, made at start, and sets its Secure cookie there', async () => {
    const emulator = createAstratoEmulator({ sessionCookie: { sameSite: 'None', secure: true, partitioned: true } });
    const running = await emulator.listen({ https: true });
    try {
      expect(running.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(running.certificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
      const ticket = await ticketFor(emulator, 'https://emulator.internal', emulator.fetch);
      const { status, cookie } = await getTrusting(`${running.url}/auth/proxy/oem/ticket/${ticket}?embed`, running.certificate!);
      expect(status).toBe(200);
      expect(cookie).toMatch(/; SameSite=None; Secure; Partitioned$/);
      await expect(getTrusting(`${running.url.replace('127.0.0.1', 'localhost')}/embed/demo`, running.certificate!)).resolves.toMatchObject({ status: 200 });
    } finally {
      await running.close();
    }
  });

  it('serves the key and certificate it is given', async () => {
    const first = await createAstratoEmulator().listen({ https: true });
    const { key, certificate } = first;
    await first.close();
    const running = await createAstratoEmulator().listen({ https: { key: key!, cert: certificate! } });
    try {
      expect(running.certificate).toBe(certificate);
      await expect(getTrusting(`${running.url}/`, certificate!)).resolves.toMatchObject({ status: 200 });
    } finally {
      await running.close();
    }
  });

  it('serves plain http by default, with no certificate', async () => {
    const running = await createAstratoEmulator().listen();
    await running.close();
    expect([running.url.startsWith('http://'), running.certificate]).toEqual([true, undefined]);
  });
});
