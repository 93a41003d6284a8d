import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { ApiError, AuthenticationError, DataBrainClient, ValidationError } from '../src/index.js';
import { useMswServer } from './support/msw.js';

const BASE = 'https://databrain.test';
const server = useMswServer();

function capture(path: string, answer: () => Response = () => HttpResponse.json({ token: '3f2a-uuid' })) {
  const seen: { request?: Request; body?: unknown } = {};
  server.use(
    http.post(`${BASE}${path}`, async ({ request }) => {
      seen.request = request;
      seen.body = await request.clone().json();
      return answer();
    }),
  );
  return seen;
}

describe('DataBrainClient.createGuestToken', () => {
  it('posts a v2 body with the API key as bearer by default', async () => {
    const seen = capture('/api/v2/guest-token/create');
    const params = {
      dashboard: { id: 'sales' },
      dashboardAppFilters: [{ dashboardId: 'sales', values: { region: ['EU', 'US'] }, isShowOnUrl: false }],
      rlsSettings: [{ metricId: 'revenue', values: { tenant_id: 'acme' } }],
      hideDashboardFilters: ['tenant_id'],
    };
    const result = await new DataBrainClient({ apiKey: 'key-123', baseUrl: BASE }).createGuestToken({
      clientId: 'acme',
      dataAppName: 'Sales App',
      params,
      expiryTime: 3_600_000,
    });
    expect(result).toEqual({ token: '3f2a-uuid' });
    expect(seen.request!.headers.get('authorization')).toBe('Bearer key-123');
    expect(seen.request!.headers.get('content-type')).toBe('application/json');
    expect(seen.body).toEqual({ clientId: 'acme', dataAppName: 'Sales App', params, expiryTime: 3_600_000 });
  });

  it('posts a v1 body with workspaceName when asked for v1', async () => {
    const seen = capture('/api/v1/guest-token/create');
    await new DataBrainClient({ apiKey: 'key-123', baseUrl: BASE, apiVersion: 'v1' }).createGuestToken({ clientId: 'None', workspaceName: 'Sales' });
    expect(seen.body).toEqual({ clientId: 'None', workspaceName: 'Sales' });
  });

  it('uses the cloud URL by default and a self-hosted URL with its path', async () => {
    expect(new DataBrainClient({ apiKey: 'k' }).baseUrl).toBe('https://api.usedatabrain.com');
    const seen = capture('/databrain/api/v2/guest-token/create');
    await new DataBrainClient({ apiKey: 'k', baseUrl: `${BASE}/databrain/` }).createGuestToken({ clientId: 'c', dataAppName: 'a' });
    expect(seen.request!.url).toBe(`${BASE}/databrain/api/v2/guest-token/create`);
  });

  it('accepts the guestToken spelling of the answer', async () => {
    capture('/api/v2/guest-token/create', () => HttpResponse.json({ success: true, guestToken: 'g-uuid' }));
    expect(await new DataBrainClient({ apiKey: 'k', baseUrl: BASE }).createGuestToken({ clientId: 'c', dataAppName: 'a' })).toEqual({ token: 'g-uuid' });
  });

  it('keeps DataBrain error codes on a typed error', async () => {
    capture('/api/v2/guest-token/create', () => HttpResponse.json({ error: { code: 'CLIENT_ID_ERROR', message: 'clientId not found' } }, { status: 400 }));
    const error = await new DataBrainClient({ apiKey: 'k', baseUrl: BASE }).createGuestToken({ clientId: 'c', dataAppName: 'a' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'API_ERROR', status: 400, vendorCode: 'CLIENT_ID_ERROR', vendorMessage: 'clientId not found', service: 'databrain' });
  });

  it('turns a 401 into an AuthenticationError with the vendor code', async () => {
    capture('/api/v2/guest-token/create', () => HttpResponse.json({ error: { code: 'AUTHENTICATION_ERR', message: 'invalid key' } }, { status: 401 }));
    const error = await new DataBrainClient({ apiKey: 'k', baseUrl: BASE }).createGuestToken({ clientId: 'c', dataAppName: 'a' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ vendorCode: 'AUTHENTICATION_ERR' });
  });

  it('explains a v1 field sent to the v2 API before sending anything', async () => {
    const client = new DataBrainClient({ apiKey: 'k', baseUrl: BASE });
    const error = await client.createGuestToken({ clientId: 'c', workspaceName: 'w' } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain("workspaceName: is not a v2 field: pass dataAppName, or create the client with apiVersion: 'v1'");
  });

  it('rejects invalid params before sending anything', async () => {
    const client = new DataBrainClient({ apiKey: 'k', baseUrl: BASE });
    await expect(client.createGuestToken({ clientId: '', dataAppName: 'a' })).rejects.toBeInstanceOf(ValidationError);
    await expect(client.createGuestToken({ clientId: 'c', dataAppName: 'a', params: { rlsSettings: [{ metricId: 'm', values: { t: { deep: 1 } } }] } } as never)).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses a missing API key or an unknown version', () => {
    expect(() => new DataBrainClient({ apiKey: ' ' })).toThrow(ValidationError);
    expect(() => new DataBrainClient({ apiKey: 'k', apiVersion: 'v3' as never })).toThrow(/v1" or "v2/);
  });
});
