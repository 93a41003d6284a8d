import { describe, expect, it } from 'vitest';
import { AuthenticationError, DataBrainClient } from '../../src/index.js';
import { createDataBrainEmulator, type DataBrainEmulatorOptions } from '../../src/testing.js';

const BASE = 'http://databrain.documents.test';

async function post(options: DataBrainEmulatorOptions, body: unknown, apiKey?: string) {
  const emulator = createDataBrainEmulator(options);
  const response = await emulator.handle(
    new Request(`${BASE}/api/v2/guest-token/create`, { method: 'POST', headers: { authorization: `Bearer ${apiKey ?? emulator.apiKey}` }, body: JSON.stringify(body) }),
  );
  return { emulator, status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const demo = { clientId: '101', dataAppName: 'Sales App', metricId: 'm-1', embedId: 'e-1', params: { customerContext: { customerId: '285407' }, allowedEmbeds: ['e-1'] } };

describe('createDataBrainEmulator and what it does not understand', () => {
  it('accepts keys it does not know, as DataBrain does, and lists them in the call log', async () => {
    const { emulator, status } = await post({}, demo);
    expect(status).toBe(200);
    expect(emulator.calls[0]!.unknownKeys).toEqual(['metricId', 'embedId', 'params.customerContext']);
    expect(emulator.tokens()[0]!.request).toEqual(demo);
  });

  it('lists no unknown keys for a body of documented fields only', async () => {
    const { emulator } = await post({}, { clientId: 'c', dataAppName: 'Sales App', params: { allowedEmbeds: ['e-1'], rlsSettings: [{ metricId: 'm', values: { t: 'a' } }] } });
    expect(emulator.calls[0]!.unknownKeys).toEqual([]);
  });

  it('answers 400 INVALID_REQUEST_BODY for an unknown key when strict, naming every one', async () => {
    const { emulator, status, body } = await post({ strict: true }, demo);
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: 'INVALID_REQUEST_BODY', message: 'unknown keys metricId, embedId, params.customerContext' } });
    expect(emulator.tokens()).toEqual([]);
  });

  it('accepts an expiryTime under a minute: no document gives a minimum', async () => {
    const { emulator, status } = await post({ now: () => 1_000 }, { clientId: 'c', dataAppName: 'Sales App', expiryTime: 30_000 });
    expect(status).toBe(200);
    expect(emulator.tokens()[0]!.expiresAt).toBe(31_000);
  });

  it('refuses a __proto__ key inside rlsSettings with RLS_SETTINGS_PARAM_ERROR naming the field', async () => {
    const body = JSON.parse('{"clientId":"c","dataAppName":"Sales App","params":{"rlsSettings":[{"metricId":"m","values":{"__proto__":"acme"}}]}}');
    const answer = await post({}, body);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: { code: 'RLS_SETTINGS_PARAM_ERROR', message: expect.stringMatching(/^params\.rlsSettings\[0\]\.values\.__proto__: is a prototype key/) } });
  });

  it('answers a wrong API key with DataBrain’s documented 401 body', async () => {
    const { status, body } = await post({}, { clientId: 'c', dataAppName: 'Sales App' }, 'wrong-key');
    expect(status).toBe(401);
    expect(body).toEqual({ error: { code: 'AUTHENTICATION_ERR', message: 'API key is invalid or expired' } });
  });

  it('offers the documented 401 body as a fault, which the client reads as an AuthenticationError', async () => {
    const emulator = createDataBrainEmulator();
    emulator.faults.add({ times: 1, action: { status: 401 } });
    const client = new DataBrainClient({ apiKey: emulator.apiKey, baseUrl: BASE, fetch: emulator.fetch, retry: 0 });
    const error = await client.createGuestToken({ clientId: 'c', dataAppName: 'Sales App' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ vendorCode: 'AUTHENTICATION_ERR', vendorMessage: 'API key is invalid or expired' });
  });
});
