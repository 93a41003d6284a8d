import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { AuthenticationError, DataBrainClient, RateLimitError } from '../../src/index.js';
import { createDataBrainEmulator } from '../../src/testing.js';
import { useMswServer } from '@oemkit/test-support/msw';

const BASE = 'http://databrain.emulator.test';
const server = useMswServer();

function clientFor(emulator = createDataBrainEmulator(), apiVersion: 'v1' | 'v2' = 'v2') {
  return { emulator, client: new DataBrainClient({ apiKey: emulator.apiKey, baseUrl: BASE, apiVersion, fetch: emulator.fetch, retry: 0 }) };
}

describe('createDataBrainEmulator', () => {
  it('issues UUID tokens on v2 and records what they were issued for', async () => {
    const { emulator, client } = clientFor();
    const params = { dashboardAppFilters: [{ dashboardId: 'sales', values: { region: 'EU' }, isShowOnUrl: false }], rlsSettings: [{ metricId: 'm1', values: { tenant_id: 'acme' } }] };
    const { token } = await client.createGuestToken({ clientId: 'acme', dataAppName: 'Sales App', params, expiryTime: 60_000 });
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(emulator.tokens()).toMatchObject([{ token, version: 'v2', request: { clientId: 'acme', params }, expiresAt: expect.any(Number) }]);
  });

  it('issues tokens on v1 with a workspace name, never expiring without expiryTime', async () => {
    const { emulator, client } = clientFor(createDataBrainEmulator(), 'v1');
    await client.createGuestToken({ clientId: 'None', workspaceName: 'Sales' });
    expect(emulator.tokens()[0]).toMatchObject({ version: 'v1', expiresAt: undefined });
  });

  it('refuses a wrong API key with the documented AUTHENTICATION_ERR body', async () => {
    const emulator = createDataBrainEmulator();
    const client = new DataBrainClient({ apiKey: 'wrong', baseUrl: BASE, fetch: emulator.fetch });
    const error = await client.createGuestToken({ clientId: 'c', dataAppName: 'Sales App' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ vendorCode: 'AUTHENTICATION_ERR' });
  });

  it('answers the documented code for each kind of bad body', async () => {
    const emulator = createDataBrainEmulator();
    const post = async (body: unknown) => {
      const response = await emulator.handle(new Request(`${BASE}/api/v2/guest-token/create`, { method: 'POST', headers: { authorization: `Bearer ${emulator.apiKey}` }, body: JSON.stringify(body) }));
      return [response.status, ((await response.json()) as { error: { code: string } }).error.code];
    };
    expect(await post({ dataAppName: 'Sales App' })).toEqual([400, 'CLIENT_ID_ERROR']);
    expect(await post({ clientId: 'c', dataAppName: 'Nope' })).toEqual([400, 'WORKSPACE_ID_ERROR']);
    expect(await post({ clientId: 'c', dataAppName: 'Sales App', params: { dashboard: {} } })).toEqual([400, 'DASHBOARD_PARAM_ERROR']);
    expect(await post({ clientId: 'c', dataAppName: 'Sales App', params: { appFilters: [{ values: {} }] } })).toEqual([400, 'APP_FILTER_PARAM_ERROR']);
    expect(await post({ clientId: 'c', dataAppName: 'Sales App', params: { rlsSettings: 'x' } })).toEqual([400, 'RLS_SETTINGS_PARAM_ERROR']);
    expect(await post({ clientId: 'c', dataAppName: 'Sales App', expiryTime: -1 })).toEqual([400, 'INVALID_REQUEST_BODY']);
  });

  it('works behind msw as a handler for unit tests', async () => {
    const emulator = createDataBrainEmulator();
    server.use(http.all(`${BASE}/*`, ({ request }) => emulator.handle(request)));
    const client = new DataBrainClient({ apiKey: emulator.apiKey, baseUrl: BASE, retry: 0 });
    await expect(client.createGuestToken({ clientId: 'c', dataAppName: 'Sales App' })).resolves.toMatchObject({ token: expect.any(String) });
    emulator.faults.add({ times: 1, action: { rateLimit: 60 } });
    await expect(client.createGuestToken({ clientId: 'c', dataAppName: 'Sales App' })).rejects.toBeInstanceOf(RateLimitError);
  });
});
