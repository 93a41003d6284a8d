import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { ApiError, AuthenticationError, DataBrainClient, ValidationError } from '../../src/index.js';
import { catchError } from '@oemkit/test-support/catch-error';
import { useMswServer } from '@oemkit/test-support/msw';

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
  it('posts a v2 body with the API key as bearer for dataAppName', async () => {
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

  it('refuses credentials, a query or a fragment in the base URL without quoting them', () => {
    for (const baseUrl of ['https://user:s3cret@bi.example.com', 'https://bi.example.com/db?key=s3cret', 'https://bi.example.com/#s3cret']) {
      const error = catchError(ValidationError, () => new DataBrainClient({ apiKey: 'k', baseUrl }));
      expect(error.issues).toEqual([{ path: ['baseUrl'], message: 'must not contain credentials, a query or a fragment' }]);
    }
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

  it('refuses a guest token that echoes the API key, in either spelling, case or encoding, without quoting it', async () => {
    const apiKey = 'dbn-api-key-Wm39pL';
    for (const answer of [{ token: apiKey }, { guestToken: apiKey }, { token: `g-${apiKey.toLowerCase()}` }, { token: btoa(apiKey) }]) {
      capture('/api/v2/guest-token/create', () => HttpResponse.json(answer));
      const error = await new DataBrainClient({ apiKey, baseUrl: BASE }).createGuestToken({ clientId: 'c', dataAppName: 'a' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'INVALID_RESPONSE', status: 200, service: 'databrain' });
      expect(JSON.stringify(error) + String(error)).not.toMatch(/Wm39pL/i);
    }
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

  it('calls v1 for the documented v1 request (workspaceName, no apiVersion) and v2 for dataAppName', async () => {
    const client = new DataBrainClient({ apiKey: 'key-123', baseUrl: BASE });
    const v1 = capture('/api/v1/guest-token/create');
    await client.createGuestToken({ clientId: 'acme', workspaceName: 'Sales', expiryTime: 3_600_000 });
    expect(v1.body).toEqual({ clientId: 'acme', workspaceName: 'Sales', expiryTime: 3_600_000 });
    const v2 = capture('/api/v2/guest-token/create');
    await client.createGuestToken({ clientId: 'acme', dataAppName: 'Sales App' });
    expect(v2.body).toEqual({ clientId: 'acme', dataAppName: 'Sales App' });
    expect(client.apiVersion).toBeUndefined();
  });

  it('refuses both name fields or neither before sending anything, saying which goes with which version', async () => {
    const client = new DataBrainClient({ apiKey: 'k', baseUrl: BASE });
    const both = await client.createGuestToken({ clientId: 'c', workspaceName: 'w', dataAppName: 'a' } as never).catch((e: unknown) => e);
    expect(both).toBeInstanceOf(ValidationError);
    expect((both as Error).message).toBe('Invalid guest-token input: pass either workspaceName (API v1) or dataAppName (API v2), not both');
    const neither = await client.createGuestToken({ clientId: 'c' } as never).catch((e: unknown) => e);
    expect((neither as Error).message).toBe('Invalid guest-token input: needs dataAppName (API v2, the current one) or workspaceName (API v1)');
  });

  it('explains the other version’s name field when apiVersion was given', async () => {
    const client = new DataBrainClient({ apiKey: 'k', baseUrl: BASE, apiVersion: 'v2' });
    const error = await client.createGuestToken({ clientId: 'c', workspaceName: 'w' } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: ['workspaceName'], message: 'is not a v2 field: pass dataAppName, or leave apiVersion out to call v1 for workspaceName' },
    ]);
  });

  it('refuses an expiryTime under a minute, which would be seconds mistaken for milliseconds', async () => {
    const client = new DataBrainClient({ apiKey: 'k', baseUrl: BASE });
    const error = await client.createGuestToken({ clientId: 'c', workspaceName: 'w', expiryTime: 3600 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe(
      'Invalid guest-token input: expiryTime: is in milliseconds and must be at least 60000 (one minute): for an hour pass 3_600_000, not 3600 (3.6 seconds)',
    );
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

  it('reports every bad option at once, the base URL included', () => {
    const error = catchError(ValidationError, () => new DataBrainClient({ apiKey: '', apiVersion: 'v3' as never, baseUrl: 'api.usedatabrain.com' }));
    expect(error.issues).toEqual([
      { path: ['apiKey'], message: 'is required (the API key from DataBrain)' },
      { path: ['apiVersion'], message: 'must be "v1" or "v2", or left out to choose by the name field' },
      { path: ['baseUrl'], message: 'must be an http(s) URL' },
    ]);
  });
});
