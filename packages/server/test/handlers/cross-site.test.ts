import { describe, expect, it, vi } from 'vitest';
import { catchError } from '@oemkit/test-support/catch-error';
import {
  ApiError,
  AstratoClient,
  createGuestTokenHandler,
  createTicketHandler,
  DataBrainClient,
  ValidationError,
  type TicketHandlerOptions,
} from '../../src/index.js';
import { createAstratoEmulator, createDataBrainEmulator } from '../../src/testing.js';

const ENDPOINT = 'https://app.example.com/api/astrato-ticket';

function tickets(options: Partial<TicketHandlerOptions> = {}) {
  const emulator = createAstratoEmulator();
  const client = new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, baseUrl: 'http://astrato.test', fetch: emulator.fetch, retry: 0 });
  const errors: unknown[] = [];
  const authorized: Request[] = [];
  const handle = createTicketHandler({
    client,
    authorize: (request) => (authorized.push(request), { email: 'ana@example.com', groupNames: ['Viewers'] }),
    onError: (error) => errors.push(error),
    ...options,
  });
  const setups = () => emulator.calls.filter((call) => call.path === '/oem/setup').length;
  return { handle, errors, authorized, setups };
}

const post = (headers: Record<string, string>, url = ENDPOINT) => new Request(url, { method: 'POST', headers: { cookie: 'session=ana', ...headers } });
const answerOf = async (response: Response) => [response.status, await response.json()];

describe('the handlers refuse requests from a page on another site', () => {
  it('answers 403 cross_site_request to Sec-Fetch-Site: cross-site, before authorize, the limit or Astrato', async () => {
    const consume = vi.fn(async () => ({}));
    const { handle, authorized, setups } = tickets({ rateLimit: { consume } });
    const response = await handle(post({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }));
    expect(await answerOf(response)).toEqual([403, { error: 'cross_site_request' }]);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect([authorized.length, consume.mock.calls.length, setups()]).toEqual([0, 0, 0]);
  });

  it('refuses a form POST without an Origin that the browser marked cross-site', async () => {
    const { handle, setups } = tickets();
    expect(await answerOf(await handle(post({ 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' })))).toEqual([403, { error: 'cross_site_request' }]);
    expect(setups()).toBe(0);
  });

  it('refuses Sec-Fetch-Site: same-site: a sibling subdomain is another origin, and SameSite cookies reach it', async () => {
    const { handle, setups } = tickets();
    expect(await answerOf(await handle(post({ 'sec-fetch-site': 'same-site', origin: 'https://blog.example.com' })))).toEqual([403, { error: 'cross_site_request' }]);
    expect(setups()).toBe(0);
  });

  it('answers the page of its own origin, and a navigation the user started (Sec-Fetch-Site: none)', async () => {
    const { handle, setups } = tickets();
    expect((await handle(post({ 'sec-fetch-site': 'same-origin', origin: 'https://app.example.com' }))).status).toBe(200);
    expect((await handle(post({ 'sec-fetch-site': 'none' }))).status).toBe(200);
    expect(setups()).toBe(2);
  });

  it('answers its own page under Referrer-Policy: no-referrer, which sends Origin: null with Sec-Fetch-Site: same-origin', async () => {
    const { handle } = tickets();
    expect((await handle(post({ 'sec-fetch-site': 'same-origin', origin: 'null' }))).status).toBe(200);
  });

  it('refuses Sec-Fetch-Site: cross-site with Origin: null (a sandboxed frame, a redirect from another site) even with allowedOrigins', async () => {
    const { handle } = tickets({ allowedOrigins: ['https://partner.example'] });
    expect(await answerOf(await handle(post({ 'sec-fetch-site': 'cross-site', origin: 'null' })))).toEqual([403, { error: 'cross_site_request' }]);
  });

  describe('from a browser without Sec-Fetch-Site (Safari before 16.4), by Origin', () => {
    it('refuses an Origin of another host', async () => {
      const { handle, setups } = tickets();
      expect(await answerOf(await handle(post({ origin: 'https://evil.example' })))).toEqual([403, { error: 'cross_site_request' }]);
      expect(await answerOf(await handle(post({ origin: 'https://app.example.com:8443' })))).toEqual([403, { error: 'cross_site_request' }]);
      expect(setups()).toBe(0);
    });

    it('refuses Origin: null, an origin that cannot be shown to be its own', async () => {
      const { handle } = tickets();
      expect(await answerOf(await handle(post({ origin: 'null' })))).toEqual([403, { error: 'cross_site_request' }]);
    });

    it('answers an Origin of its own host, also when a TLS-terminating proxy made the request http', async () => {
      const { handle } = tickets();
      expect((await handle(post({ origin: 'https://app.example.com' }))).status).toBe(200);
      expect((await handle(post({ origin: 'https://app.example.com' }, 'http://app.example.com/api/astrato-ticket'))).status).toBe(200);
    });
  });

  it('answers a request without Sec-Fetch-Site or Origin (a server, curl, a test) as before', async () => {
    const { handle, setups } = tickets();
    expect((await handle(post({}))).status).toBe(200);
    expect(setups()).toBe(1);
  });

  it('does not count a refused request against the user: their own next request is answered', async () => {
    const { handle, setups } = tickets({ rateLimit: { points: 1, duration: 60 } });
    for (let i = 0; i < 30; i++) expect((await handle(post({ 'sec-fetch-site': 'cross-site' }))).status).toBe(403);
    expect((await handle(post({ 'sec-fetch-site': 'same-origin' }))).status).toBe(200);
    expect(setups()).toBe(1);
  });

  it('answers the origins in allowedOrigins from another site or a sibling subdomain, and no other', async () => {
    const { handle, setups } = tickets({ allowedOrigins: ['https://portal.example.com', 'http://localhost:3000'] });
    expect((await handle(post({ 'sec-fetch-site': 'same-site', origin: 'https://portal.example.com' }))).status).toBe(200);
    expect((await handle(post({ 'sec-fetch-site': 'cross-site', origin: 'http://localhost:3000' }))).status).toBe(200);
    expect((await handle(post({ origin: 'http://localhost:3000' }))).status).toBe(200);
    expect((await handle(post({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }))).status).toBe(403);
    expect((await handle(post({ 'sec-fetch-site': 'cross-site', origin: 'https://portal.example.com.evil.example' }))).status).toBe(403);
    expect(setups()).toBe(3);
  });

  it('refuses an unusable allowedOrigins at once, naming each entry and quoting none', () => {
    const error = catchError(ValidationError, () =>
      tickets({ allowedOrigins: ['https://app.example.com/', 'https://app.example.com/path', '*', 'null', 'app.example.com', 'ftp://files.example.com', 7 as unknown as string] }),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual([0, 1, 2, 3, 4, 5, 6].map((index) => ['allowedOrigins', index]));
    expect(error.message).toContain('such as https://app.example.com');
    expect(error.message).not.toContain('ftp://files');
    expect(catchError(ValidationError, () => tickets({ allowedOrigins: 'https://app.example.com' as unknown as string[] })).issues).toEqual([
      { path: ['allowedOrigins'], message: expect.any(String) },
    ]);
  });

  it('tells onError of each refusal with an ApiError that names the page origin, never the cookie or the user', async () => {
    const { handle, errors } = tickets();
    await handle(post({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, `${ENDPOINT}?email=ana@example.com`));
    expect(errors).toHaveLength(1);
    const error = errors[0] as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect([error.service, error.status, error.code, error.url]).toEqual(['host', 403, 'API_ERROR', ENDPOINT]);
    expect(error.message).toContain('https://evil.example');
    expect(error.message).toContain('allowedOrigins');
    expect(JSON.stringify({ ...error, message: error.message })).not.toMatch(/ana|session/);
  });

  it('does not quote an Origin that is not an origin (a script may send anything)', async () => {
    const { handle, errors } = tickets();
    await handle(post({ origin: 'https://evil.example/ana@example.com?x' }));
    expect((errors[0] as ApiError).message).not.toContain('ana@example.com');
  });

  it('logs the refusal as a warning, with the word and no user, to the logger; without one on the console', async () => {
    const warn = vi.fn();
    const logged = tickets({ onError: undefined, logger: { warn } });
    await logged.handle(post({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }));
    expect(warn).toHaveBeenCalledWith('oemkit.handler.refused', expect.objectContaining({ handler: 'ticket', status: 403, error: 'cross_site_request', code: 'API_ERROR' }));
    expect(JSON.stringify(warn.mock.calls)).not.toMatch(/ana|session=/);

    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const bare = tickets({ onError: undefined });
    await bare.handle(post({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }));
    expect(consoleWarn).toHaveBeenCalledOnce();
    expect(String(consoleWarn.mock.calls[0]![0])).toMatch(/^\[oemkit\] ticket endpoint answered 403 cross_site_request: .*evil\.example/);
  });

  it('refuses the same requests at the guest-token endpoint, before DataBrain', async () => {
    const emulator = createDataBrainEmulator();
    const client = new DataBrainClient({ apiKey: emulator.apiKey, apiVersion: 'v2', baseUrl: 'http://databrain.test', fetch: emulator.fetch, retry: 0 });
    const authorize = vi.fn(() => ({ clientId: 'acme', dataAppName: 'Sales App', params: { userIdentifier: 'ana' } }));
    const handle = createGuestTokenHandler({ client, authorize, onError: () => {}, allowedOrigins: ['https://portal.example.com'] });
    expect(await answerOf(await handle(post({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })))).toEqual([403, { error: 'cross_site_request' }]);
    expect(await answerOf(await handle(post({ origin: 'null' })))).toEqual([403, { error: 'cross_site_request' }]);
    expect([authorize.mock.calls.length, emulator.calls.length]).toEqual([0, 0]);
    expect((await handle(post({ 'sec-fetch-site': 'cross-site', origin: 'https://portal.example.com' }))).status).toBe(200);
    catchError(ValidationError, () => createGuestTokenHandler({ client, authorize, allowedOrigins: ['*'] }));
  });
});
