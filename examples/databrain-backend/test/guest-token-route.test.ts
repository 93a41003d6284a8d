import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guestTokenEndpointErrorBodySchema, guestTokenEndpointResponseSchema } from '@oemkit/schema';
import { DataBrainClient } from '@oemkit/server';
import { toNodeHandler } from '@oemkit/server/node';
import { createDataBrainEmulator, type RunningEmulator } from '@oemkit/server/testing';
import { createApp } from '../src/app.js';

const API_KEY = 'example-databrain-api-key-7f3e';
const emulator = createDataBrainEmulator({ apiKey: API_KEY });
let databrain: RunningEmulator;
let server: Server;
let base: string;
const failures: unknown[] = [];

beforeAll(async () => {
  databrain = await emulator.listen();
  const app = createApp({
    client: new DataBrainClient({ apiKey: API_KEY, baseUrl: databrain.url, apiVersion: 'v2', retry: 0 }),
    dataAppName: 'Sales App',
    dashboardId: 'sales-dashboard',
    rateLimit: { points: 3, duration: 60 },
    onError: (error) => failures.push(error),
  });
  server = createServer(toNodeHandler(app));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await databrain.close();
});

/** Signs in over HTTP and gives the session cookie. */
async function signIn(email: string): Promise<string> {
  const response = await fetch(`${base}/sign-in`, { method: 'POST', body: new URLSearchParams({ email }) });
  expect(response.status).toBe(204);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

const askForToken = (cookie?: string, method = 'POST') => fetch(`${base}/api/databrain-token`, { method, headers: cookie ? { cookie } : {} });

/** Every answer's status, headers and body as one text, to look for secrets in. */
async function everything(response: Response): Promise<string> {
  return `${response.status} ${JSON.stringify([...response.headers])} ${await response.text()}`;
}

describe('the DataBrain example over HTTP', () => {
  it('answers a signed-in user { token }, uncached, minted with the tenant’s row-level security', async () => {
    const response = await askForToken(await signIn('ana@acme.test'));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { token } = guestTokenEndpointResponseSchema.parse(await response.json());
    const issued = emulator.tokens().find((candidate) => candidate.token === token);
    expect(issued?.request).toEqual({
      clientId: 'acme',
      dataAppName: 'Sales App',
      expiryTime: 3_600_000,
      params: {
        dashboard: { id: 'sales-dashboard' },
        userIdentifier: 'u-ana',
        rlsSettings: [{ metricId: 'revenue', values: { tenant_id: 'acme' } }],
        dashboardAppFilters: [{ dashboardId: 'sales-dashboard', values: { region: 'EU' }, isShowOnUrl: false }],
        hideDashboardFilters: ['tenant_id'],
      },
    });
    // The token opens the dashboard it was made for, with the tenant's filters, as the component would load it.
    const data = await fetch(`${databrain.url}/api/guest/dashboards/sales-dashboard/data`, { headers: { authorization: `Bearer ${token}` } });
    expect(await data.json()).toMatchObject({ clientId: 'acme', rlsSettings: [{ values: { tenant_id: 'acme' } }] });
  });

  it('refuses other methods with 405 and Allow: POST', async () => {
    const cookie = await signIn('bo@globex.test');
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await askForToken(cookie, method);
      expect([response.status, response.headers.get('allow'), await response.json()]).toEqual([405, 'POST', { error: 'method_not_allowed' }]);
    }
  });

  it('answers 401 to nobody and 403 to a user without dashboards, asking DataBrain nothing', async () => {
    const before = emulator.calls.length;
    const nobody = await askForToken();
    expect([nobody.status, guestTokenEndpointErrorBodySchema.parse(await nobody.json())]).toEqual([401, { error: 'unauthorized' }]);
    const stranger = await askForToken('demo_session=forged');
    expect(stranger.status).toBe(401);
    const withoutAccess = await askForToken(await signIn('cy@acme.test'));
    expect([withoutAccess.status, await withoutAccess.json()]).toEqual([403, { error: 'forbidden' }]);
    expect(emulator.calls.length).toBe(before);
  });

  it('limits each user to 3 tokens a minute, answering 429 with Retry-After and minting nothing more', async () => {
    const cookie = await signIn('bo@globex.test');
    const minted = () => emulator.tokens().filter((token) => token.request.clientId === 'globex').length;
    const before = minted();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await askForToken(cookie)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await askForToken(cookie);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await limited.json()).toEqual({ error: 'rate_limited' });
    expect(minted() - before).toBe(3);
    // Another user is counted apart.
    expect((await askForToken(await signIn('ana@acme.test'))).status).toBe(200);
  });

  it('answers DataBrain’s refusal with a stable word, and no answer ever holds the API key or DataBrain’s text', async () => {
    const cookie = await signIn('ana@acme.test');
    emulator.faults.add({ times: 1, action: { status: 400, code: 'RLS_SETTINGS_PARAM_ERROR', message: `metric revenue unknown (key ${API_KEY})` } });
    const refused = await askForToken(cookie);
    const text = await everything(refused);
    expect(refused.status).toBe(502);
    expect(text).toContain('{"error":"token_unavailable"}');
    expect(failures).toContainEqual(expect.objectContaining({ code: 'API_ERROR', vendorCode: 'RLS_SETTINGS_PARAM_ERROR' }));
    for (const response of [await askForToken(cookie), await askForToken(), await askForToken(cookie, 'GET')]) {
      const answer = await everything(response);
      expect(answer).not.toContain(API_KEY);
      expect(answer).not.toContain('metric revenue unknown');
    }
  });
});
