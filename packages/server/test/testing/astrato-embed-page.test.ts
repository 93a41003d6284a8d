import { describe, expect, it } from 'vitest';
import { filterParameter, filterParameters, type FilterParameters } from '@oemkit/schema';
import { AstratoClient } from '../../src/index.js';
import { createAstratoEmulator } from '../../src/testing.js';

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

/** The embed page's HTML for `path` (with its query), as the browser receives it. */
async function pageHtml(emulator: ReturnType<typeof createAstratoEmulator>, path: string, cookie?: string): Promise<string> {
  const response = await emulator.handle(new Request(`${BASE}${path}`, { headers: cookie ? { cookie } : {} }));
  expect(response.status).toBe(200);
  return response.text();
}

/** The `data-*` attributes of each item of the list with this `data-testid`, decoded. */
function listItems(html: string, testId: string): Record<string, string>[] {
  const list = new RegExp(`<ul data-testid="${testId}">(.*?)</ul>`, 's').exec(html)![1]!;
  const decode = (text: string) => text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
  return [...list.matchAll(/<li ([^>]*)>/g)].map(([, attributes]) =>
    Object.fromEntries([...attributes!.matchAll(/data-([a-z]+)="([^"]*)"/g)].map(([, name, value]) => [name!, decode(value!)])),
  );
}

describe("the emulated embed page's initial state from its link", () => {
  const FRESH_AND_FROZEN = "Default/'Product Dim'/'Hierarchy Lvl2 Name' in ('Fresh', 'Frozen')";

  it('lists the link’s variables and query filters, and marks a filter on a field the model lacks as not applied', async () => {
    const { emulator, cookie } = await signIn({ filterParameters: filterParameters({ org_id: 'ACME-001' }) });
    const filter = `${FRESH_AND_FROZEN} and Default/Territory/'Sales Country' in ('Australia')`;
    const html = await pageHtml(emulator, `/embed/sales-overview?variable=vTop:10&variable=vText:This%20is%20a%20nice%20app&queryFilter=${encodeURIComponent(filter)}`, cookie);
    expect(listItems(html, 'variables')).toEqual([
      { name: 'vTop', value: '10' },
      { name: 'vText', value: 'This is a nice app' },
    ]);
    expect(listItems(html, 'query-filters')).toEqual([
      { path: 'Default/Product Dim/Hierarchy Lvl2 Name', values: '["Fresh","Frozen"]', applied: 'true' },
      { path: 'Default/Territory/Sales Country', values: '["Australia"]', applied: 'false' },
    ]);
    expect(html).toContain('Default/Territory/&#39;Sales Country&#39; in (&#39;Australia&#39;): unknown field, not applied</li>');
    expect(html).not.toContain('data-testid="link-error"');
  });

  it('hands the page each query filter resolved to the model’s field, so the first paint is already filtered', async () => {
    const { emulator, cookie } = await signIn({ filterParameters: filterParameters({ org_id: 'ACME-001' }) });
    const filter = `${FRESH_AND_FROZEN} and Other/'Region Dim'/'Country Name' in ('France') and Default/'Date Dim'/Year in ('2026')`;
    const page = await pageHtml(emulator, `/embed/sales-overview?queryFilter=${encodeURIComponent(filter)}`, cookie);
    const state = JSON.parse(/<script type="application\/json" id="state">(.*?)<\/script>/.exec(page)![1]!) as { link: { queryFilters: { appliesTo: string | null }[] } };
    // A model other than the dashboard's ("Other") filters nothing here, whatever its table and field.
    expect(state.link.queryFilters.map((resolved) => resolved.appliesTo)).toEqual(['Product Dim.Hierarchy Lvl2 Name', null, 'Date Dim.Year']);
  });

  it('shows a link outside the grammar as an error in the panel, applies nothing and still serves the dashboard', async () => {
    const { emulator, cookie } = await signIn();
    const html = await pageHtml(emulator, `/embed/sales-overview?variable=vTop:1&queryFilter=${encodeURIComponent("Default/'Date Dim'/Year in ('O'Brien')")}`, cookie);
    expect(/<p role="alert" data-testid="link-error">(.*?)<\/p>/.exec(html)?.[1]).toMatch(/^queryFilter: expected &#34;, &#34; or &#34;\)&#34; after a value/);
    expect(listItems(html, 'query-filters')).toEqual([]);
    expect(listItems(html, 'variables')).toEqual([]);
    expect(html).toContain('data-testid="status">Signed in as ana@acme.test');
  });

  it('escapes the link’s text in the panel, so a variable cannot write markup into the page', async () => {
    const { emulator, cookie } = await signIn();
    const html = await pageHtml(emulator, `/embed/sales-overview?variable=${encodeURIComponent('v"x:<img src=x onerror=alert(1)></script>')}`, cookie);
    expect(html).not.toContain('<img src=x');
    expect(listItems(html, 'variables')).toEqual([{ name: 'v"x', value: '<img src=x onerror=alert(1)></script>' }]);
  });
});

describe("the emulated embed page's workbook option", () => {
  it('hands the page every message off and one sheet, Overview, by default', async () => {
    const { emulator, cookie } = await signIn();
    const state = JSON.parse(/<script type="application\/json" id="state">(.*?)<\/script>/.exec(await pageHtml(emulator, '/embed/x', cookie))![1]!) as { workbook: unknown };
    expect(state.workbook).toEqual({ sheets: ['Overview'], reportSelection: null, reportActiveSheet: null, goToSheet: null });
  });

  it('refuses sheets and message types a page could not use, when the emulator is made', () => {
    expect(() => createAstratoEmulator({ workbook: { sheets: [] } })).toThrow(/workbook.sheets must be distinct, non-empty names/);
    expect(() => createAstratoEmulator({ workbook: { sheets: ['Sales', 'Sales'] } })).toThrow(/workbook.sheets/);
    expect(() => createAstratoEmulator({ workbook: { sheets: [''] } })).toThrow(/workbook.sheets/);
    expect(() => createAstratoEmulator({ workbook: { goToSheet: '' } })).toThrow(/workbook.goToSheet must be a non-empty message type/);
    expect(() => createAstratoEmulator({ workbook: { reportSelection: 7 as unknown as string } })).toThrow(/workbook.reportSelection/);
  });
});
