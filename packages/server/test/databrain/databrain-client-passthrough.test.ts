import { describe, expect, it } from 'vitest';
import { DataBrainClient, ValidationError } from '../../src/index.js';
import { createDataBrainEmulator } from '../../src/testing.js';

const BASE = 'http://databrain.passthrough.test';

function setup() {
  const emulator = createDataBrainEmulator();
  const client = new DataBrainClient({ apiKey: emulator.apiKey, baseUrl: BASE, fetch: emulator.fetch, retry: 0 });
  const sent = () => JSON.parse(emulator.calls.at(-1)!.body) as Record<string, unknown>;
  return { emulator, client, sent };
}

describe('DataBrainClient with fields oemkit does not know', () => {
  it('sends params.allowedEmbeds, documented in DataBrain’s API reference', async () => {
    const { client, sent } = setup();
    await client.createGuestToken({ clientId: 'acme', dataAppName: 'Sales App', params: { allowedEmbeds: ['embed-sales'] } });
    expect(sent()).toEqual({ clientId: 'acme', dataAppName: 'Sales App', params: { allowedEmbeds: ['embed-sales'] } });
  });

  it('passes keys it does not know through unchanged, as DataBrain’s own demos send them', async () => {
    const { client, sent } = setup();
    const input = { clientId: '101', dataAppName: 'Sales App', metricId: 'm-1', embedId: 'e-1', params: { customerContext: { customerId: '285407' } } };
    await client.createGuestToken(input);
    expect(sent()).toEqual(input);
  });

  it('refuses a __proto__ key inside rlsSettings values, naming the field, and sends nothing', async () => {
    const { emulator, client } = setup();
    const values = JSON.parse('{"__proto__": "acme"}') as Record<string, string>;
    const error = await client.createGuestToken({ clientId: 'c', dataAppName: 'Sales App', params: { rlsSettings: [{ metricId: 'm', values }] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: ['params', 'rlsSettings', 0, 'values', '__proto__'], message: expect.stringMatching(/^is a prototype key/) }]);
    expect(emulator.calls).toEqual([]);
  });

  it('still refuses an expiryTime under a minute, oemkit’s own guard against seconds', async () => {
    const { emulator, client } = setup();
    await expect(client.createGuestToken({ clientId: 'c', dataAppName: 'Sales App', expiryTime: 3600 })).rejects.toThrow(/at least 60000/);
    expect(emulator.calls).toEqual([]);
  });
});
