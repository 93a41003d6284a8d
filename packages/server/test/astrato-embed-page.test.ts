import { describe, expect, it } from 'vitest';
import { filterParameter, filterParameters, type FilterParameters } from '@oemkit/schema';
import { AstratoClient } from '../src/index.js';
import { createAstratoEmulator } from '../src/testing/index.js';

const BASE = 'http://astrato.emulator.test';
type Row = [org: string, country: string, category: string, year: string, sales: number];
interface PageState {
  signedIn: boolean;
  access: boolean;
  org?: string | null;
  rows: Row[];
}

/** Signs a user in through setup and redemption, and returns the emulator and the session cookie. */
async function signIn(options: { groupNames?: string[]; filterParameters?: FilterParameters } = {}) {
  const emulator = createAstratoEmulator();
  const client = new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, baseUrl: BASE, fetch: emulator.fetch });
  const { ticket } = await client.setup({ email: 'ana@acme.test', groupNames: options.groupNames ?? ['Viewers'], filterParameters: options.filterParameters ?? {} });
  const redeemed = await emulator.handle(new Request(`${BASE}/auth/proxy/oem/ticket/${ticket}?embed`));
  return { emulator, cookie: redeemed.headers.get('set-cookie')!.split(';')[0]! };
}

/** The state the embed page hands its script: what the page, and so the browser, receives. */
async function pageState(emulator: ReturnType<typeof createAstratoEmulator>, cookie?: string): Promise<PageState> {
  const page = await (await emulator.handle(new Request(`${BASE}/embed/sales-overview`, { headers: cookie ? { cookie } : {} }))).text();
  return JSON.parse(/<script type="application\/json" id="state">(.*?)<\/script>/.exec(page)![1]!) as PageState;
}

describe('the emulated embed page', () => {
  it("sends the page only the rows of the session's org_id, as a semantic layer reduces them", async () => {
    const { emulator, cookie } = await signIn({ filterParameters: filterParameters({ org_id: 'GLOBEX-042' }) });
    const state = await pageState(emulator, cookie);
    expect(state.org).toBe('GLOBEX-042');
    expect(state.rows.length).toBeGreaterThan(0);
    expect(new Set(state.rows.map((row) => row[0]))).toEqual(new Set(['GLOBEX-042']));
  });

  it('sends every organisation once the org_id parameter is cleared', async () => {
    const { emulator, cookie } = await signIn({ filterParameters: filterParameters({ org_id: filterParameter.clear() }) });
    const state = await pageState(emulator, cookie);
    expect(state.org).toBeNull();
    expect(new Set(state.rows.map((row) => row[0]))).toEqual(new Set(['ACME-001', 'GLOBEX-042', 'INITECH-007']));
  });

  it('sends no rows without an org_id parameter, without a group, or without a session', async () => {
    const unreduced = await signIn();
    expect(await pageState(unreduced.emulator, unreduced.cookie)).toMatchObject({ rows: [], access: true });
    expect((await pageState(unreduced.emulator, unreduced.cookie)).org).toBeUndefined();
    const groupless = await signIn({ groupNames: [], filterParameters: filterParameters({ org_id: 'ACME-001' }) });
    expect(await pageState(groupless.emulator, groupless.cookie)).toMatchObject({ rows: [], access: false });
    expect(await pageState(groupless.emulator)).toMatchObject({ signedIn: false, rows: [] });
  });

  it('reads an org_id parameter of any type', async () => {
    const { emulator, cookie } = await signIn({ filterParameters: { '[org_id].[int]': 7 } });
    expect(await pageState(emulator, cookie)).toMatchObject({ org: '7', rows: [] });
  });

  it('shows the same made-up figures in every emulator', async () => {
    const first = await signIn({ filterParameters: filterParameters({ org_id: 'ACME-001' }) });
    const second = await signIn({ filterParameters: filterParameters({ org_id: 'ACME-001' }) });
    const rows = (await pageState(first.emulator, first.cookie)).rows;
    expect(rows).toEqual((await pageState(second.emulator, second.cookie)).rows);
    expect(rows).toHaveLength(4 * 5 * 3);
    expect(rows.every(([, , , , sales]) => Number.isInteger(sales) && sales > 0)).toBe(true);
  });

  it("answers the page's session check with 200 either way, so a lost session logs no failed request", async () => {
    const { emulator, cookie } = await signIn();
    const check = () => emulator.handle(new Request(`${BASE}/__emulator/session`, { headers: { cookie } }));
    expect(await (await check()).json()).toEqual({ active: true });
    emulator.endSessions();
    const after = await check();
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ active: false });
  });

  it('answers sign-out with 204 and a cleared cookie: a body would be cancelled in a no-cors request', async () => {
    const { emulator, cookie } = await signIn();
    const response = await emulator.handle(new Request(`${BASE}/auth/proxy/0/sign_out`, { headers: { cookie, origin: 'http://host.test' } }));
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(response.headers.get('set-cookie')).toMatch(/^astrato_session=; Path=\/; HttpOnly; Max-Age=0;/);
    expect(await pageState(emulator, cookie)).toMatchObject({ signedIn: false });
  });
});
