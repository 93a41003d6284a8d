/**
 * Vendor-controlled strings that reach an error by a side door rather than the error body: where a
 * refused redirect points, the content type of a body that is not JSON, and the name and code of
 * whatever a `fetch` throws. Each is kept only when no secret is in it, in any form.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AstratoClient, DataBrainClient } from '../../src/index.js';

const SECRET = 'Client-Secret-Zq81xYvB';
const API_KEY = 'DataBrain-Key-7Hk2pQwE';
const BASE = 'https://tenant.astrato.test';

const astrato = (fetch: typeof globalThis.fetch) => new AstratoClient({ clientId: 'id', clientSecret: SECRET, baseUrl: BASE, fetch, retry: 0 });
const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected a rejection'), (error: unknown) => error as Error & Record<string, unknown>);

/** Every rendering of the error, in lower case, so that a secret echoed in any case is found. */
function rendered(error: unknown): string {
  return [String(error), JSON.stringify(error), inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })].join('\n').toLowerCase();
}

describe('a refused redirect', () => {
  it('keeps no origin whose host names the client secret, lower-cased as a URL has it', async () => {
    const error = await failure(astrato(async () => new Response(null, { status: 302, headers: { location: `https://${SECRET}.evil.test/collect` } })).getAccessToken());
    expect(error).toMatchObject({ code: 'API_ERROR', status: 302, redirectOrigin: undefined });
    expect(error.message).toMatch(/a redirect that oemkit does not follow/);
    expect(rendered(error)).not.toContain(SECRET.toLowerCase());
  });

  it('keeps no origin that names the key when a custom fetch followed the redirect', async () => {
    const followed = Object.defineProperties(Response.json({ token: 'guest' }), {
      redirected: { value: true },
      url: { value: `https://${API_KEY.toLowerCase()}.evil.test/` },
    });
    const databrain = new DataBrainClient({ apiKey: API_KEY, baseUrl: 'https://databrain.test', fetch: async () => followed, retry: 0 });
    const error = await failure(databrain.createGuestToken({ clientId: 'acme', dataAppName: 'Sales App' }));
    expect(error).toMatchObject({ code: 'API_ERROR', redirectOrigin: undefined });
    expect(error.message).toMatch(/a redirect that oemkit does not follow/);
    expect(rendered(error)).not.toContain(API_KEY.toLowerCase());
  });

  it('still names an origin that holds no secret, even when the fetch that followed it says 200', async () => {
    const followed = Object.defineProperties(Response.json({}), { redirected: { value: true }, url: { value: 'https://sign-in.test/login?next=x' } });
    const error = await failure(astrato(async () => followed).getAccessToken());
    expect(error).toMatchObject({ code: 'API_ERROR', redirectOrigin: 'https://sign-in.test' });
    expect(error.message).toContain('a redirect to https://sign-in.test that oemkit does not follow');
  });
});

describe('a body that is not JSON', () => {
  it('quotes no content type that echoes the client secret', async () => {
    const html = new Response('<html>', { headers: { 'content-type': `text/html; echo=${SECRET.toUpperCase()}` } });
    const error = await failure(astrato(async () => html).getAccessToken());
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE' });
    expect(rendered(error)).not.toContain(SECRET.toLowerCase());
  });

  it('still quotes a plain content type, to diagnose an HTML error page', async () => {
    const html = new Response('<html>', { headers: { 'content-type': 'text/html; charset=utf-8' } });
    const error = await failure(astrato(async () => html).getAccessToken());
    expect(error.message).toContain('text/html; charset=utf-8');
  });
});

describe('what a fetch throws', () => {
  /** Fetches a token through a fetch that throws `thrown`; the error must be a clean ConnectionError. */
  async function expectCleanConnectionError(thrown: unknown) {
    const error = await failure(
      astrato(async () => {
        throw thrown;
      }).getAccessToken(),
    );
    expect(error).toMatchObject({ code: 'CONNECTION_ERROR' });
    expect(rendered(error)).not.toContain(SECRET.toLowerCase());
  }

  it('keeps no name or code that is a secret, though it looks like an identifier', async () => {
    await expectCleanConnectionError(Object.assign(new Error('refused'), { name: SECRET, code: SECRET.toLowerCase() }));
  });

  it('is still a ConnectionError when its message is not a string or its fields throw when read', async () => {
    const odd = [
      Object.assign(new Error('x'), { message: 42 }),
      Object.defineProperty(new Error('x'), 'message', {
        get() {
          throw new Error(SECRET);
        },
      }),
      Object.defineProperty(new Error('x'), 'cause', {
        get() {
          throw new Error(SECRET);
        },
      }),
    ];
    for (const thrown of odd) await expectCleanConnectionError(thrown);
  });
});
