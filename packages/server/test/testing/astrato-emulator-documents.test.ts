import { describe, expect, it } from 'vitest';
import { createAstratoEmulator, type AstratoEmulatorOptions } from '../../src/testing.js';
import { parseDynamicFiltering } from '../../src/testing/astrato-dynamic-filtering.js';

const BASE = 'http://astrato.documents.test';
const HOST = 'http://host.test';

/** An emulator on a controllable clock, with a ticket already set up over the m2m API. */
async function withTicket(options: AstratoEmulatorOptions = {}) {
  let clock = Date.UTC(2026, 10, 21, 12);
  const emulator = createAstratoEmulator({ ...options, now: () => clock });
  const token = await emulator.handle(
    new Request(`${BASE}/auth/proxy/m2m/token`, { method: 'POST', headers: { origin: HOST }, body: JSON.stringify({ clientId: emulator.clientId, clientSecret: emulator.clientSecret }) }),
  );
  const { access_token } = (await token.json()) as { access_token: string };
  const setup = await emulator.handle(
    new Request(`${BASE}/oem/setup`, { method: 'POST', headers: { origin: HOST, authorization: `Bearer ${access_token}` }, body: JSON.stringify({ email: 'ana@example.com', groupNames: ['Viewers'] }) }),
  );
  const { ticket } = (await setup.clone().json()) as { ticket: string };
  const redeem = (query = '?embed') => emulator.handle(new Request(`${BASE}/auth/proxy/oem/ticket/${ticket}${query}`, { headers: { origin: HOST } }));
  return { emulator, token, setup, ticket, redeem, advance: (ms: number) => (clock += ms) };
}

describe('createAstratoEmulator, as Astrato’s documents describe it', () => {
  it('keeps the query string in the call log, so a test can assert ?embed', async () => {
    const { emulator, redeem } = await withTicket();
    await redeem();
    expect(emulator.calls.at(-1)).toMatchObject({ path: expect.stringMatching(/^\/auth\/proxy\/oem\/ticket\//), search: '?embed' });
    expect(emulator.calls[0]).toMatchObject({ path: '/auth/proxy/m2m/token', search: '' });
  });

  it('redirects a redemption without ?embed to the Astrato UI, which is there and shows the signed-in user', async () => {
    const { emulator, redeem } = await withTicket();
    const redirected = await redeem('');
    expect(redirected.status).toBe(302);
    const cookie = redirected.headers.get('set-cookie')!.split(';')[0]!;
    const ui = await emulator.handle(new Request(new URL(redirected.headers.get('location')!, BASE), { headers: { cookie } }));
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await ui.text()).toContain('Signed in as ana@example.com');
  });

  it('answers the m2m token and setup routes with no CORS headers, so a browser calling them fails', async () => {
    const { emulator, token, setup } = await withTicket();
    for (const response of [token, setup]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
    for (const path of ['/auth/proxy/m2m/token', '/oem/setup']) {
      const preflight = await emulator.handle(new Request(`${BASE}${path}`, { method: 'OPTIONS', headers: { origin: HOST, 'access-control-request-method': 'POST' } }));
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    }
    const refused = await emulator.handle(new Request(`${BASE}/oem/setup`, { method: 'POST', headers: { origin: HOST }, body: '{}' }));
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps CORS with credentials on the redemption, which the documents call from the browser', async () => {
    const { redeem } = await withTicket();
    const redeemed = await redeem();
    expect(redeemed.headers.get('access-control-allow-origin')).toBe(HOST);
    expect(redeemed.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('refuses a second redemption of a ticket by default (single-use, an assumption)', async () => {
    const { redeem } = await withTicket();
    expect((await redeem()).status).toBe(200);
    expect((await redeem()).status).toBe(401);
  });

  it("redeems a ticket again within its 60 seconds with ticketReuse: 'reusable', not after", async () => {
    const { redeem, advance } = await withTicket({ ticketReuse: 'reusable' });
    expect((await redeem()).status).toBe(200);
    expect((await redeem()).status).toBe(200);
    advance(60_000);
    expect((await redeem()).status).toBe(401);
  });

  it('sets the session cookie and ends the session after sessionLifetime', async () => {
    const { emulator, redeem, advance } = await withTicket({ sessionLifetime: 3_600_000 });
    const redeemed = await redeem();
    expect(redeemed.headers.get('set-cookie')).toContain('Max-Age=3600;');
    const cookie = redeemed.headers.get('set-cookie')!.split(';')[0]!;
    const session = () => emulator.handle(new Request(`${BASE}/auth/proxy/session`, { headers: { cookie } })).then((response) => response.status);
    advance(3_599_999);
    expect(await session()).toBe(200);
    advance(1);
    expect(await session()).toBe(401);
  });

  it('refuses a sessionLifetime or ticketReuse it cannot use', () => {
    expect(() => createAstratoEmulator({ sessionLifetime: 0 })).toThrow(/sessionLifetime/);
    expect(() => createAstratoEmulator({ ticketReuse: 'twice' as never })).toThrow(/ticketReuse/);
  });
});

describe('parseDynamicFiltering, the embed page’s DYNAMIC FILTERING action', () => {
  it('applies both filters of the seed’s two-line example, trimming the line break from the field name', () => {
    expect(parseDynamicFiltering('Region Dim.Country Name|United Kingdom;\nDate Dim.Year|2026;\n')).toEqual([
      ['Region Dim.Country Name', ['United Kingdom']],
      ['Date Dim.Year', ['2026']],
    ]);
  });

  it('splits values on commas and skips the empty instruction after the last semicolon', () => {
    expect(parseDynamicFiltering('Product Dim.Hierarchy Lvl2 Name|Fresh,Frozen;')).toEqual([['Product Dim.Hierarchy Lvl2 Name', ['Fresh', 'Frozen']]]);
  });
});

describe('the embed page’s copy of parseDynamicFiltering', () => {
  it('runs on its own, with nothing from the module around it, as it must in the page', async () => {
    const { runInNewContext } = await import('node:vm');
    const page = await (await createAstratoEmulator().handle(new Request(`${BASE}/embed/demo`))).text();
    const start = page.indexOf('const parseDynamicFiltering = ') + 'const parseDynamicFiltering = '.length;
    const parse = runInNewContext(`(${page.slice(start, page.indexOf(';\nconst state', start))})`) as typeof parseDynamicFiltering;
    expect(JSON.stringify(parse('Region Dim.Country Name|France;\nDate Dim.Year|2026,2025;'))).toBe('[["Region Dim.Country Name",["France"]],["Date Dim.Year",["2026","2025"]]]');
  });
});
