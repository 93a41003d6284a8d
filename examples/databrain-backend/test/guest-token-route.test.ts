import { describe, expect, it } from 'vitest';
import { DataBrainClient } from '@oemkit/server';
import { createDataBrainEmulator } from '@oemkit/server/testing';
import { createGuestTokenRoute } from '../src/guest-token-route.js';

function route(emulator = createDataBrainEmulator()) {
  const client = new DataBrainClient({ apiKey: emulator.apiKey, baseUrl: 'http://databrain.local', fetch: emulator.fetch, retry: 0 });
  return {
    emulator,
    handle: createGuestTokenRoute({
      client,
      dataAppName: 'Sales App',
      dashboardId: 'sales-dashboard',
      authorize: (request) => (request.headers.get('x-demo-tenant') ? { tenantId: request.headers.get('x-demo-tenant')!, region: 'US' } : null),
    }),
  };
}

const post = (tenant?: string) => new Request('http://host.local/api/databrain-token', { method: 'POST', headers: tenant ? { 'x-demo-tenant': tenant } : {} });

describe('the DataBrain guest-token route', () => {
  it('mints a token with the tenant’s RLS settings and a hidden dashboard filter', async () => {
    const { emulator, handle } = route();
    const response = await handle(post('acme'));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { token } = (await response.json()) as { token: string };
    expect(emulator.tokens()).toMatchObject([
      {
        token,
        request: {
          clientId: 'acme',
          dataAppName: 'Sales App',
          expiryTime: 3_600_000,
          params: {
            rlsSettings: [{ metricId: 'revenue', values: { tenant_id: 'acme' } }],
            dashboardAppFilters: [{ dashboardId: 'sales-dashboard', values: { region: 'US' }, isShowOnUrl: false }],
          },
        },
      },
    ]);
  });

  it('answers 401 without a tenant and never calls DataBrain', async () => {
    const { emulator, handle } = route();
    expect((await handle(post())).status).toBe(401);
    expect(emulator.calls).toHaveLength(0);
  });

  it('hides DataBrain’s error text behind a stable word', async () => {
    const { emulator, handle } = route();
    emulator.faults.add({ action: { status: 400, message: 'internal detail', code: 'CLIENT_ID_ERROR' } });
    const response = await handle(post('acme'));
    expect(response.status).toBe(502);
    expect(await response.text()).toBe('{"error":"token_unavailable"}');
  });
});
