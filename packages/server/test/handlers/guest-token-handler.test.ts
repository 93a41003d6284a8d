import { describe, expect, it, vi } from 'vitest';
import { catchError } from '@oemkit/test-support/catch-error';
import { GUEST_TOKEN_ENDPOINT_ERRORS, guestTokenEndpointErrorBodySchema, guestTokenEndpointResponseSchema, readGuestToken } from '@oemkit/schema';
import { createGuestTokenHandler, DataBrainClient, ValidationError, type GuestTokenHandlerOptions, type GuestTokenInput } from '../../src/index.js';
import { createDataBrainEmulator } from '../../src/testing.js';

const API_KEY = 'databrain-api-key-0123456789';

function setup(authorize: GuestTokenHandlerOptions<'v2'>['authorize'], extra: Partial<GuestTokenHandlerOptions<'v2'>> = {}) {
  const emulator = createDataBrainEmulator({ apiKey: API_KEY });
  const client = new DataBrainClient({ apiKey: API_KEY, apiVersion: 'v2', baseUrl: 'http://databrain.test', fetch: emulator.fetch, retry: 0 });
  const errors: unknown[] = [];
  const handle = createGuestTokenHandler({ client, authorize, onError: (error) => errors.push(error), ...extra });
  return { emulator, handle, errors };
}

const ana: GuestTokenInput<'v2'> = {
  clientId: 'acme',
  dataAppName: 'Sales App',
  expiryTime: 3_600_000,
  params: { userIdentifier: 'ana', rlsSettings: [{ metricId: 'revenue', values: { tenant_id: 'acme' } }] },
};
const post = (init: RequestInit = {}) => new Request('https://host.test/api/databrain-token', { method: 'POST', ...init });

describe('createGuestTokenHandler', () => {
  it('answers only the guest token, uncached, minted with the input authorize decided', async () => {
    const { emulator, handle } = setup(() => ana);
    const response = await handle(post());
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = guestTokenEndpointResponseSchema.parse(await response.json());
    expect(Object.keys(body)).toEqual(['token', 'expiresIn']);
    expect(emulator.tokens()).toEqual([expect.objectContaining({ token: body.token, version: 'v2', request: ana })]);
  });

  it('tells the page the token’s lifetime as expiresIn, the expiryTime DataBrain was asked for', async () => {
    const { handle } = setup(() => ana);
    expect(await (await handle(post())).json()).toEqual({ token: expect.any(String), expiresIn: 3_600_000 });
  });

  it('answers no expiresIn for a token that never expires, as a server older than the field does', async () => {
    const { expiryTime, ...forever } = ana;
    const { handle } = setup(() => forever);
    const body = await (await handle(post())).json();
    expect(Object.keys(body)).toEqual(['token']);
    // A page older than the field reads the same token from either answer.
    expect(readGuestToken(body)).toBe(body.token);
  });

  it('answers 502, never the API key, when DataBrain echoes the key back as the guest token', async () => {
    const { emulator, handle, errors } = setup(() => ana);
    emulator.faults.add({ path: '/api/v2/guest-token/create', action: { json: { token: API_KEY } } });
    const response = await handle(post());
    expect(response.status).toBe(502);
    expect(await response.text()).toBe('{"error":"token_unavailable"}');
    expect(errors).toEqual([expect.objectContaining({ code: 'INVALID_RESPONSE' })]);
  });

  it('never lets the request body choose the tenant or filters', async () => {
    const { emulator, handle } = setup(() => ana);
    await handle(post({ body: JSON.stringify({ clientId: 'globex', params: { rlsSettings: [] } }), headers: { 'content-type': 'application/json' } }));
    expect(emulator.tokens()[0]!.request).toEqual(ana);
  });

  it('answers without reading the request body, even one that never ends', async () => {
    const { handle } = setup(() => ana);
    let pulls = 0;
    // A gigabyte, or an endless upload: the handler has no use for a body, so it never waits for one.
    const endless = new ReadableStream<Uint8Array>({ pull: (controller) => void (pulls++, controller.enqueue(new Uint8Array(1024 * 1024))) }, { highWaterMark: 0 });
    const response = await handle(post({ body: endless, duplex: 'half' } as RequestInit));
    expect(response.status).toBe(200);
    expect(pulls).toBe(0);
  });

  it('answers 401 for nobody and 403 for a user without access, without calling DataBrain', async () => {
    for (const [answer, status, word] of [[null, 401, 'unauthorized'], [false, 403, 'forbidden']] as const) {
      const { emulator, handle, errors } = setup(() => answer);
      const response = await handle(post());
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({ error: word });
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(emulator.calls).toHaveLength(0);
      expect(errors).toEqual([]);
    }
  });

  it('answers 405 with Allow: POST to other methods', async () => {
    const { handle, emulator } = setup(() => ana);
    for (const method of ['GET', 'PUT', 'DELETE', 'OPTIONS']) {
      const response = await handle(new Request('https://host.test/api/databrain-token', { method }));
      expect([response.status, response.headers.get('allow'), await response.text()]).toEqual([405, 'POST', '{"error":"method_not_allowed"}']);
    }
    expect(emulator.calls).toHaveLength(0);
  });

  it('answers 500 when authorize throws or returns an invalid input, reporting each once', async () => {
    const thrown = setup(() => {
      throw new Error('session store down');
    });
    expect((await thrown.handle(post())).status).toBe(500);
    expect(thrown.errors).toEqual([expect.objectContaining({ message: 'session store down' })]);

    const invalid = setup(() => ({ ...ana, expiryTime: 3600 }));
    const response = await invalid.handle(post());
    expect([response.status, await response.text()]).toEqual([500, '{"error":"internal_error"}']);
    expect(invalid.errors).toEqual([expect.any(ValidationError)]);
    expect(invalid.emulator.calls).toHaveLength(0);
  });

  it('maps DataBrain’s failures to stable words and never passes on its text or the API key', async () => {
    const cases: [object, number, string][] = [
      [{ status: 400, message: `bad data app for ${API_KEY}`, code: 'WORKSPACE_ID_ERROR' }, 502, 'token_unavailable'],
      [{ status: 401, message: 'Invalid API key', code: 'AUTHENTICATION_ERROR' }, 502, 'token_unavailable'],
      [{ status: 503 }, 503, 'upstream_unavailable'],
      [{ drop: true }, 503, 'upstream_unavailable'],
      [{ rateLimit: 7 }, 429, 'rate_limited'],
      [{ body: 'html' }, 502, 'token_unavailable'],
      [{ json: { token: 'not a token' } }, 502, 'token_unavailable'],
    ];
    for (const [action, status, word] of cases) {
      const { emulator, handle, errors } = setup(() => ana);
      emulator.faults.add({ action: action as never });
      const response = await handle(post());
      const text = await response.text();
      expect([response.status, text]).toEqual([status, JSON.stringify({ error: word })]);
      expect(guestTokenEndpointErrorBodySchema.parse(JSON.parse(text))).toEqual({ error: word });
      expect(GUEST_TOKEN_ENDPOINT_ERRORS[word as keyof typeof GUEST_TOKEN_ENDPOINT_ERRORS]).toBe(status);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('retry-after')).toBe(status === 429 ? '7' : null);
      expect(errors).toHaveLength(1);
      expect(JSON.stringify(errors[0])).not.toContain(API_KEY);
    }
  });

  it('says that DataBrain’s answer held no usable token', async () => {
    const { emulator, handle, errors } = setup(() => ana);
    emulator.faults.add({ action: { json: { token: 'two words' } } });
    expect((await handle(post())).status).toBe(502);
    expect(errors).toEqual([expect.objectContaining({ code: 'INVALID_RESPONSE', service: 'databrain', url: 'http://databrain.test/api/v2/guest-token/create' })]);
    expect((errors[0] as Error).message).not.toContain('two words');
  });
});

describe('createGuestTokenHandler options', () => {
  it('are checked when the handler is created, every problem at once', () => {
    const error = catchError(ValidationError, () =>
      createGuestTokenHandler({ client: { setup() {} }, authorize: {}, onError: 'log', logger: 42, rateLimit: { points: 0 } } as never),
    );
    expect(error.message).toMatch(/^Invalid createGuestTokenHandler options: /);
    expect(error.issues).toEqual([
      { path: ['client'], message: 'must be a DataBrainClient (anything with its createGuestToken method)' },
      { path: ['authorize'], message: 'must be a function returning the guest-token input for the signed-in user, null for nobody, or false for a user without access' },
      { path: ['onError'], message: 'must be a function (error, request) => void, or left out to log failures on the console' },
      { path: ['logger'], message: 'must be a logger (console, pino, winston: an object with debug, info, warn or error methods)' },
      { path: ['rateLimit', 'points'], message: 'must be a whole number of tokens, at least 1' },
    ]);
  });

  it('logs a failure once on the console without onError or logger, with no secret and no DataBrain text', async () => {
    const emulator = createDataBrainEmulator({ apiKey: API_KEY });
    const client = new DataBrainClient({ apiKey: API_KEY, baseUrl: 'http://databrain.test', fetch: emulator.fetch, retry: 0 });
    emulator.faults.add({ action: { status: 400, code: 'CLIENT_ID_ERROR', message: 'no client' } });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await createGuestTokenHandler({ client, authorize: () => ana })(post());
    expect(response.status).toBe(502);
    expect(error).toHaveBeenCalledExactlyOnceWith(
      expect.stringMatching(/^\[oemkit\] guest-token endpoint answered 502 token_unavailable: code=API_ERROR status=400 vendorCode="CLIENT_ID_ERROR" message="/),
    );
    expect(String(error.mock.calls[0]![0])).not.toContain(API_KEY);
  });
});
