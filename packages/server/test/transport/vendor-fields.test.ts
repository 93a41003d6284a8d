/**
 * What a vendor says about a failure is made safe where it enters, before it becomes an ApiError:
 * the class keeps what it is given, so these rules hold only if the transport applies them.
 */
import { describe, expect, it } from 'vitest';
import { AstratoClient, DataBrainClient } from '../../src/index.js';
import { createRedactor } from '../../src/redaction/redact.js';
import { LONGEST_VENDOR_MESSAGE, vendorFields } from '../../src/transport/vendor-fields.js';

const SECRET = 'Client-Secret-Zq81xYvB';
const BASE = 'https://tenant.astrato.test';
const redactor = createRedactor([SECRET]);
const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected a rejection'), (error: unknown) => error as Error & Record<string, unknown>);
const answering = (response: Response) => new AstratoClient({ clientId: 'id', clientSecret: SECRET, baseUrl: BASE, fetch: async () => response, retry: 0 });

describe('vendorFields', () => {
  it('keeps a vendor code or correlation id only when it is a short identifier', () => {
    expect(vendorFields({ vendorCode: 'CLIENT_ID_ERROR', correlationId: 'c-9:1.a' }, redactor)).toMatchObject({ vendorCode: 'CLIENT_ID_ERROR', correlationId: 'c-9:1.a' });
    for (const value of ['two words', 'Bearer abc', 'x'.repeat(65), 'a\nb', '[REDACTED]', '', SECRET]) {
      expect(vendorFields({ vendorCode: value, correlationId: value }, redactor)).toMatchObject({ vendorCode: undefined, correlationId: undefined });
    }
  });

  it('caps the vendor message and turns its line breaks into spaces, so it cannot forge log lines', () => {
    const { vendorMessage } = vendorFields({ vendorMessage: `first\r\nFAKE LOG LINE\u0000\u2028 ${'x'.repeat(100_000)}` }, redactor);
    expect(vendorMessage).toHaveLength(LONGEST_VENDOR_MESSAGE);
    expect(vendorMessage).toMatch(/^first FAKE LOG LINE +x+$/);
    expect(vendorFields({ vendorMessage: '\r\n\t ' }, redactor).vendorMessage).toBeUndefined();
  });

  it('redacts the secret in the message before it is cut, so no part of it survives the cap', () => {
    const { vendorMessage } = vendorFields({ vendorMessage: `${'x'.repeat(LONGEST_VENDOR_MESSAGE - 5)} ${SECRET}` }, redactor);
    expect(vendorMessage).not.toContain(SECRET.slice(0, 4));
  });

  it('keeps a redirect target as an origin only, and none that names a secret', () => {
    expect(vendorFields({ redirectOrigin: 'https://evil.example:8443/steal?secret=1' }, redactor).redirectOrigin).toBe('https://evil.example:8443');
    expect(vendorFields({ redirectOrigin: `https://${SECRET.toLowerCase()}.evil.test` }, redactor).redirectOrigin).toBeUndefined();
    for (const value of ['not a url', 'data:text/plain,x', undefined]) expect(vendorFields({ redirectOrigin: value }, redactor).redirectOrigin).toBeUndefined();
  });

  it('keeps a wait only as a finite number of seconds', () => {
    expect(vendorFields({ retryAfter: 4 }, redactor).retryAfter).toBe(4);
    for (const value of [Number.POSITIVE_INFINITY, Number.NaN, -1]) expect(vendorFields({ retryAfter: value }, redactor).retryAfter).toBeUndefined();
  });
});

describe('the transport', () => {
  it('applies the rules to what Astrato says in an error body', async () => {
    const body = { code: 'two words', message: `first\nFAKE LOG LINE ${SECRET} ${'x'.repeat(10_000)}`, correlationId: 'Bearer abc' };
    const error = await failure(answering(Response.json(body, { status: 500 })).getAccessToken());
    expect(error).toMatchObject({ code: 'API_ERROR', status: 500, vendorCode: undefined, correlationId: undefined });
    expect(error.vendorMessage).toHaveLength(LONGEST_VENDOR_MESSAGE);
    expect(error.vendorMessage).toMatch(/^first FAKE LOG LINE \[REDACTED\] x+$/);
    expect(error.message).not.toContain('\n');
  });

  it('applies them to a correlation id in a header (too long and with spaces here) and to what DataBrain says', async () => {
    const astrato = answering(Response.json({ message: 'no' }, { status: 400, headers: { 'x-correlation-id': `id FAKE ${'y'.repeat(80)}` } }));
    expect(await failure(astrato.getAccessToken())).toMatchObject({ status: 400, correlationId: undefined, vendorMessage: 'no' });
    const body = { error: { code: `E ${SECRET}`, message: 'line one\nline two' } };
    const databrain = new DataBrainClient({ apiKey: 'key-1', baseUrl: 'https://databrain.test', fetch: async () => Response.json(body, { status: 400 }), retry: 0 });
    const error = await failure(databrain.createGuestToken({ clientId: 'acme', dataAppName: 'Sales App' }));
    expect(error).toMatchObject({ code: 'API_ERROR', vendorCode: undefined, vendorMessage: 'line one line two' });
  });
});
