import { describe, expect, it } from 'vitest';
import { readGuestToken } from '@oemkit/schema';
import { createGuestTokenHandler, DataBrainClient, type GuestTokenInput } from '../../src/index.js';
import { createDataBrainEmulator } from '../../src/testing.js';

const HOUR = 3_600_000;

/** A DataBrain emulator on a clock the test moves, with a client and the component's data call. */
function databrain() {
  let clock = Date.UTC(2026, 0, 1);
  const emulator = createDataBrainEmulator({ now: () => clock });
  const client = new DataBrainClient({ apiKey: emulator.apiKey, baseUrl: 'http://databrain.test', fetch: emulator.fetch, retry: 0 });
  const load = async (token: string, dashboardId = 'sales') => {
    const response = await emulator.handle(new Request(`http://databrain.test/api/guest/dashboards/${dashboardId}/data`, { headers: { authorization: `Bearer ${token}` } }));
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { emulator, client, load, advance: (ms: number) => void (clock += ms) };
}

describe('the DataBrain emulator’s guest tokens over time', () => {
  it('serves a token’s data until its expiryTime, then refuses it with TOKEN_EXPIRED', async () => {
    const { client, load, advance } = databrain();
    const { token } = await client.createGuestToken({ clientId: 'acme', dataAppName: 'Sales App', expiryTime: HOUR, params: { userIdentifier: 'ana' } });
    expect(await load(token)).toMatchObject({ status: 200, body: { dashboardId: 'sales', clientId: 'acme', userIdentifier: 'ana' } });
    advance(HOUR - 1);
    expect((await load(token)).status).toBe(200);
    advance(1);
    expect(await load(token)).toEqual({ status: 401, body: { error: { code: 'TOKEN_EXPIRED', message: 'Guest token expired' } } });
  });

  it('never expires a token minted without expiryTime, as DataBrain documents', async () => {
    const { client, load, advance } = databrain();
    const { token } = await client.createGuestToken({ clientId: 'acme', dataAppName: 'Sales App' });
    advance(365 * 24 * HOUR);
    expect((await load(token)).status).toBe(200);
  });

  it('answers what the token grants: its row-level and app filters, for its dashboard only', async () => {
    const { client, load } = databrain();
    const params = {
      dashboard: { id: 'sales' },
      rlsSettings: [{ metricId: 'revenue', values: { tenant_id: 'acme' } }],
      dashboardAppFilters: [{ dashboardId: 'sales', values: { region: 'EU' }, isShowOnUrl: false }],
    };
    const { token } = await client.createGuestToken({ clientId: 'acme', dataAppName: 'Sales App', params });
    expect((await load(token)).body).toEqual({ dashboardId: 'sales', clientId: 'acme', rlsSettings: params.rlsSettings, appFilters: [], dashboardAppFilters: params.dashboardAppFilters });
    expect(await load(token, 'finance')).toEqual({ status: 403, body: { error: { code: 'DASHBOARD_PARAM_ERROR', message: 'The guest token is for dashboard sales' } } });
  });

  it('refuses a token it never issued', async () => {
    const { load } = databrain();
    expect(await load('3f2a9c4e-0b1d-4c8e-9a7f-2d6b5e1c0a93')).toEqual({ status: 401, body: { error: { code: 'INVALID_TOKEN', message: 'Unknown guest token' } } });
  });

  it('lets a page renew an expired token from the guest-token endpoint, as it would on TOKEN_EXPIRED', async () => {
    const { client, load, advance } = databrain();
    const input: GuestTokenInput = { clientId: 'acme', dataAppName: 'Sales App', expiryTime: HOUR, params: { userIdentifier: 'ana' } };
    const endpoint = createGuestTokenHandler({ client, authorize: () => input });
    const fetchToken = async () => readGuestToken(await (await endpoint(new Request('https://host.test/api/databrain-token', { method: 'POST' }))).json())!;
    const first = await fetchToken();
    advance(HOUR);
    expect((await load(first)).body).toMatchObject({ error: { code: 'TOKEN_EXPIRED' } });
    const renewed = await fetchToken();
    expect(renewed).not.toBe(first);
    expect((await load(renewed)).status).toBe(200);
  });
});
