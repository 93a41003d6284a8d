import { HttpResponse, delay, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AbortedError,
  ApiError,
  AstratoClient,
  AuthenticationError,
  ConnectionError,
  InvalidResponseError,
  RateLimitError,
  RequestTimeoutError,
  ValidationError,
} from '../../src/index.js';
import { catchError } from '@oemkit/test-support/catch-error';
import { useMswServer } from '@oemkit/test-support/msw';
import { jwtExpiringAt } from '../support/tokens.js';

const BASE = 'https://tenant.astrato.test';
const server = useMswServer();
const credentials = { clientId: 'client-id-123', clientSecret: 'client-secret-xyz' };
const fastRetry = { limit: 2, backoffLimit: 5 };

interface Seen {
  tokenRequests: Request[];
  setupRequests: { request: Request; body: unknown }[];
}

/** A well-behaved Astrato: tokens expire per `expiresIn`, setup answers a ticket. */
function astrato(options: { expiresIn?: (now: number) => number | string } = {}): Seen {
  const seen: Seen = { tokenRequests: [], setupRequests: [] };
  server.use(
    http.post(`${BASE}/auth/proxy/m2m/token`, async ({ request }) => {
      seen.tokenRequests.push(request.clone());
      const n = seen.tokenRequests.length;
      return HttpResponse.json({ access_token: `token-${n}`, expires_in: options.expiresIn?.(Date.now()) ?? Date.now() + 600_000 });
    }),
    http.post(`${BASE}/oem/setup`, async ({ request }) => {
      seen.setupRequests.push({ request, body: await request.clone().json() });
      return HttpResponse.json({ ticket: `ticket-${seen.setupRequests.length}` });
    }),
  );
  return seen;
}

afterEach(() => vi.useRealTimers());

describe('AstratoClient.getAccessToken', () => {
  it('posts the client credentials as JSON to /auth/proxy/m2m/token with no authorization', async () => {
    const seen = astrato();
    const token = await new AstratoClient({ ...credentials, baseUrl: BASE }).getAccessToken();
    expect(token).toBe('token-1');
    const [request] = seen.tokenRequests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe(`${BASE}/auth/proxy/m2m/token`);
    expect(request!.headers.get('content-type')).toBe('application/json');
    expect(request!.headers.get('authorization')).toBeNull();
    expect(await request!.json()).toEqual({ clientId: 'client-id-123', clientSecret: 'client-secret-xyz' });
  });

  it('builds the same URLs from a base URL with or without a trailing slash', async () => {
    for (const baseUrl of [BASE, `${BASE}/`, `${BASE}//`]) {
      const seen = astrato();
      await new AstratoClient({ ...credentials, baseUrl }).setup({ email: 'ana@example.com' });
      expect(seen.tokenRequests[0]!.url).toBe(`${BASE}/auth/proxy/m2m/token`);
      expect(seen.setupRequests[0]!.request.url).toBe(`${BASE}/oem/setup`);
    }
  });

  it('refuses a base URL with a path at once, naming the origin to use instead of failing every call with a 404', () => {
    const error = catchError(ValidationError, () => new AstratoClient({ ...credentials, baseUrl: 'https://app.astrato.io/app' }));
    expect(error.issues).toEqual([
      { path: ['baseUrl'], message: 'must be an origin such as https://app.astrato.io, with no path' },
    ]);
  });

  it('reports a bad base URL together with every other bad option', () => {
    const error = catchError(ValidationError, () => new AstratoClient({ clientId: '', clientSecret: 's', baseUrl: `${BASE}/astrato` }));
    expect(error.issues.map((issue) => issue.path[0])).toEqual(['clientId', 'baseUrl']);
  });

  it('defaults to https://app.astrato.io', () => {
    expect(new AstratoClient(credentials).baseUrl).toBe('https://app.astrato.io');
  });

  it('caches the token across calls', async () => {
    const seen = astrato();
    const client = new AstratoClient({ ...credentials, baseUrl: BASE });
    await client.getAccessToken();
    await client.getAccessToken();
    await client.setup({ email: 'ana@example.com' });
    expect(seen.tokenRequests).toHaveLength(1);
  });

  it('refreshes ahead of expiry so callers keep getting a token without waiting', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 10, 21, 12) });
    const seen = astrato({ expiresIn: () => 600 });
    const client = new AstratoClient({ ...credentials, baseUrl: BASE });
    expect(await client.getAccessToken()).toBe('token-1');
    vi.advanceTimersByTime(545_000);
    expect(await client.getAccessToken()).toBe('token-1');
    await vi.waitFor(() => expect(seen.tokenRequests).toHaveLength(2));
    await vi.waitFor(async () => expect(await client.getAccessToken()).toBe('token-2'));
  });

  it('reads each form of expires_in and caps it at 10 minutes', async () => {
    const start = Date.UTC(2026, 10, 21, 12);
    const forms: [string, (now: number) => number | string, number][] = [
      ['epoch milliseconds', (now) => now + 120_000, 120_000],
      ['epoch seconds', (now) => (now + 180_000) / 1000, 180_000],
      ['relative seconds', () => 240, 240_000],
      ['a numeric string', () => '300', 300_000],
      ['a lifetime beyond 10 minutes', () => 7200, 600_000],
    ];
    for (const [, expiresIn, lifetime] of forms) {
      vi.useFakeTimers({ toFake: ['Date'], now: start });
      const seen = astrato({ expiresIn });
      const client = new AstratoClient({ ...credentials, baseUrl: BASE, refreshAhead: 0 });
      await client.getAccessToken();
      vi.setSystemTime(start + lifetime - 10_001);
      await client.getAccessToken();
      expect(seen.tokenRequests).toHaveLength(1);
      vi.setSystemTime(start + lifetime - 9_999);
      await client.getAccessToken();
      expect(seen.tokenRequests).toHaveLength(2);
      vi.useRealTimers();
    }
  });

  it('trusts the JWT exp claim when it is earlier than expires_in', async () => {
    const now = Date.now();
    const token = await jwtExpiringAt(now + 120_000);
    let requests = 0;
    server.use(http.post(`${BASE}/auth/proxy/m2m/token`, () => (requests++, HttpResponse.json({ access_token: token, expires_in: now + 600_000 }))));
    vi.useFakeTimers({ toFake: ['Date'], now });
    const client = new AstratoClient({ ...credentials, baseUrl: BASE, refreshAhead: 0 });
    await client.getAccessToken();
    vi.setSystemTime(now + 115_000);
    await client.getAccessToken();
    expect(requests).toBe(2);
  });

  it('refuses wrong credentials with an AuthenticationError and no retry', async () => {
    let requests = 0;
    server.use(http.post(`${BASE}/auth/proxy/m2m/token`, () => (requests++, HttpResponse.json({ message: 'Invalid client', code: 'UNAUTHORIZED', correlationId: 'corr-1' }, { status: 401 }))));
    const error = await new AstratoClient({ ...credentials, baseUrl: BASE, retry: fastRetry }).getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, vendorCode: 'UNAUTHORIZED', vendorMessage: 'Invalid client', correlationId: 'corr-1', retryable: false });
    expect(requests).toBe(1);
  });
});

describe('AstratoClient.setup', () => {
  it('posts the validated body with the bearer token and returns the ticket with its 60 s expiry', async () => {
    const seen = astrato();
    const before = Date.now();
    const input = {
      email: 'ana@example.com',
      name: 'Ana',
      groupIds: ['g-1', 'g-2'],
      groupNames: ['OEM2'],
      applyPendingInvites: true,
      filterParameters: { '[org_id].[string]': 'ID87', '[region].[undefined]': null },
    } as const;
    const result = await new AstratoClient({ ...credentials, baseUrl: BASE }).setup({ ...input, groupIds: [...input.groupIds], groupNames: [...input.groupNames] });
    expect(result.ticket).toBe('ticket-1');
    expect(result.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 60_000);
    expect(result.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
    const { request, body } = seen.setupRequests[0]!;
    expect(request.method).toBe('POST');
    expect(request.headers.get('authorization')).toBe('Bearer token-1');
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(body).toEqual(input);
  });

  it('rejects invalid input before sending anything', async () => {
    // No handlers: any request would fail the test through onUnhandledRequest.
    const client = new AstratoClient({ ...credentials, baseUrl: BASE });
    for (const input of [{ email: 'nope' }, { email: 'a@b.co', groupId: ['x'] }, { email: 'a@b.co', filterParameters: { org_id: 'x' } }]) {
      await expect(client.setup(input as never)).rejects.toBeInstanceOf(ValidationError);
    }
  });

  it('makes one token request for 100 concurrent setups', async () => {
    const seen = astrato();
    const client = new AstratoClient({ ...credentials, baseUrl: BASE });
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => client.setup({ email: `user${i}@example.com` })));
    expect(seen.tokenRequests).toHaveLength(1);
    expect(seen.setupRequests).toHaveLength(100);
    expect(new Set(results.map((r) => r.ticket)).size).toBe(100);
  });

  it('drops a refused token, fetches a fresh one and retries once', async () => {
    const seen = astrato();
    let setups = 0;
    server.use(
      http.post(`${BASE}/oem/setup`, ({ request }) => {
        setups++;
        return request.headers.get('authorization') === 'Bearer token-1'
          ? HttpResponse.json({ message: 'jwt expired' }, { status: 401 })
          : HttpResponse.json({ ticket: 'fresh-ticket' });
      }),
    );
    const result = await new AstratoClient({ ...credentials, baseUrl: BASE }).setup({ email: 'ana@example.com' });
    expect(result.ticket).toBe('fresh-ticket');
    expect(seen.tokenRequests).toHaveLength(2);
    expect(setups).toBe(2);
  });

  it('gives up with an AuthenticationError when the fresh token is refused too', async () => {
    const seen = astrato();
    server.use(http.post(`${BASE}/oem/setup`, () => HttpResponse.json({ message: 'forbidden' }, { status: 401 })));
    await expect(new AstratoClient({ ...credentials, baseUrl: BASE }).setup({ email: 'ana@example.com' })).rejects.toBeInstanceOf(AuthenticationError);
    expect(seen.tokenRequests).toHaveLength(2);
  });

  it('does not renew the token on a 403', async () => {
    const seen = astrato();
    server.use(http.post(`${BASE}/oem/setup`, () => HttpResponse.json({ message: 'no access' }, { status: 403 })));
    await expect(new AstratoClient({ ...credentials, baseUrl: BASE }).setup({ email: 'ana@example.com' })).rejects.toMatchObject({ code: 'AUTHENTICATION_ERROR', status: 403 });
    expect(seen.tokenRequests).toHaveLength(1);
  });
});

describe('AstratoClient retries and failures', () => {
  it('retries a 503 and a dropped connection, then succeeds', async () => {
    const seen = astrato();
    const answers = [() => HttpResponse.json({ message: 'busy' }, { status: 503 }), () => HttpResponse.error()];
    server.use(http.post(`${BASE}/oem/setup`, () => answers.shift()?.() ?? HttpResponse.json({ ticket: 'third-time' })));
    const result = await new AstratoClient({ ...credentials, baseUrl: BASE, retry: fastRetry }).setup({ email: 'ana@example.com' });
    expect(result.ticket).toBe('third-time');
    expect(seen.tokenRequests).toHaveLength(1);
  });

  it('retries a 429 after the Retry-After delay', async () => {
    // The clock is fake: the second of Retry-After passes at once, and exactly.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    astrato();
    const times: number[] = [];
    server.use(
      http.post(`${BASE}/oem/setup`, () => {
        times.push(Date.now());
        return times.length === 1
          ? HttpResponse.json({ message: 'slow down' }, { status: 429, headers: { 'retry-after': '1' } })
          : HttpResponse.json({ ticket: 'after-wait' });
      }),
    );
    const setup = new AstratoClient({ ...credentials, baseUrl: BASE, retry: fastRetry }).setup({ email: 'ana@example.com' });
    for (let waited = 0; times.length < 2 && waited < 3_000; waited += 10) await vi.advanceTimersByTimeAsync(10);
    await expect(setup).resolves.toMatchObject({ ticket: 'after-wait' });
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1_000);
    // The wait is the one asked for, not that plus a backoff.
    expect(times[1]! - times[0]!).toBeLessThan(1_000 + 20);
  });

  it('fails at once with the wait when Retry-After exceeds maxRetryAfter', async () => {
    astrato();
    let attempts = 0;
    server.use(http.post(`${BASE}/oem/setup`, () => (attempts++, HttpResponse.json({}, { status: 429, headers: { 'retry-after': '120' } }))));
    const error = await new AstratoClient({ ...credentials, baseUrl: BASE, retry: { ...fastRetry, maxRetryAfter: 5_000 } })
      .setup({ email: 'ana@example.com' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfter: 120, retryable: true, status: 429 });
    expect(attempts).toBe(1);
  });

  it('stops after the retry limit with an ApiError that keeps the vendor details', async () => {
    astrato();
    let attempts = 0;
    server.use(http.post(`${BASE}/oem/setup`, () => (attempts++, HttpResponse.json({ message: 'db down', code: 'E_DB', correlationId: 'c-42' }, { status: 500 }))));
    const error = await new AstratoClient({ ...credentials, baseUrl: BASE, retry: fastRetry }).setup({ email: 'ana@example.com' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'API_ERROR', status: 500, vendorCode: 'E_DB', correlationId: 'c-42', retryable: true, method: 'POST', url: `${BASE}/oem/setup` });
    expect(attempts).toBe(3);
  });

  it('does not retry a 400', async () => {
    astrato();
    let attempts = 0;
    server.use(http.post(`${BASE}/oem/setup`, () => (attempts++, HttpResponse.json({ message: 'bad group' }, { status: 400 }))));
    await expect(new AstratoClient({ ...credentials, baseUrl: BASE, retry: fastRetry }).setup({ email: 'ana@example.com' })).rejects.toMatchObject({ status: 400, retryable: false });
    expect(attempts).toBe(1);
  });

  it('turns a connection that keeps failing into a ConnectionError', async () => {
    server.use(http.post(`${BASE}/auth/proxy/m2m/token`, () => HttpResponse.error()));
    const error = await new AstratoClient({ ...credentials, baseUrl: BASE, retry: fastRetry }).getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ retryable: true, url: `${BASE}/auth/proxy/m2m/token` });
  });

  it('times out a slow answer with a RequestTimeoutError', async () => {
    server.use(http.post(`${BASE}/auth/proxy/m2m/token`, async () => (await delay(500), HttpResponse.json({ access_token: 'late' }))));
    const error = await new AstratoClient({ ...credentials, baseUrl: BASE, timeout: 50, retry: 0 }).getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ code: 'TIMEOUT', timeout: 50 });
  });

  it('rejects with an AbortedError when the caller aborts', async () => {
    astrato();
    server.use(http.post(`${BASE}/oem/setup`, async () => (await delay(1_000), HttpResponse.json({ ticket: 'never' }))));
    const client = new AstratoClient({ ...credentials, baseUrl: BASE });
    await client.getAccessToken();
    const controller = new AbortController();
    const pending = client.setup({ email: 'ana@example.com' }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user left')), 20);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as AbortedError).cause).toEqual(new Error('user left'));
  });

  it('reports an HTML page where JSON was expected without quoting it', async () => {
    server.use(http.post(`${BASE}/auth/proxy/m2m/token`, () => new HttpResponse('<!DOCTYPE html><p>secret-ish proxy page</p>', { headers: { 'content-type': 'text/html' } })));
    const error = await new AstratoClient({ ...credentials, baseUrl: BASE }).getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain('not JSON (text/html');
    expect((error as Error).message).not.toContain('proxy page');
  });

  it('refuses a ticket that echoes the client secret or the m2m token, handing out neither and quoting neither', async () => {
    const token = 'opaque-m2m-token-Hq27vX';
    server.use(http.post(`${BASE}/auth/proxy/m2m/token`, () => HttpResponse.json({ access_token: token, expires_in: Date.now() + 600_000 })));
    const client = new AstratoClient({ ...credentials, baseUrl: BASE, retry: 0 });
    for (const echoed of [credentials.clientSecret, token, `t-${token.toUpperCase()}`, encodeURIComponent(`${credentials.clientId}:${credentials.clientSecret}`)]) {
      server.use(http.post(`${BASE}/oem/setup`, () => HttpResponse.json({ ticket: echoed })));
      const error = await client.setup({ email: 'ana@example.com' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as Error).message).toMatch(/ticket holds a credential this request sent/);
      expect(JSON.stringify(error) + String(error)).not.toMatch(/Hq27vX|secret-xyz/i);
    }
  });

  it('reports a setup answer without a ticket', async () => {
    astrato();
    server.use(http.post(`${BASE}/oem/setup`, () => HttpResponse.json({ ok: true })));
    await expect(new AstratoClient({ ...credentials, baseUrl: BASE }).setup({ email: 'ana@example.com' })).rejects.toThrow(/ticket: is required/);
  });
});

describe('AstratoClient.signOut', () => {
  it('forwards the session cookie to /auth/proxy/0/sign_out and accepts a redirect', async () => {
    let seen: Request | undefined;
    server.use(http.get(`${BASE}/auth/proxy/0/sign_out`, ({ request }) => ((seen = request), new HttpResponse(null, { status: 302, headers: { location: '/login' } }))));
    await new AstratoClient({ ...credentials, baseUrl: BASE }).signOut({ cookie: 'astrato_session=abc' });
    expect(seen!.headers.get('cookie')).toBe('astrato_session=abc');
  });

  it('treats an already-ended session as signed out', async () => {
    server.use(http.get(`${BASE}/auth/proxy/0/sign_out`, () => new HttpResponse(null, { status: 401 })));
    await expect(new AstratoClient({ ...credentials, baseUrl: BASE }).signOut({ cookie: 's=1' })).resolves.toBeUndefined();
  });

  it('refuses an empty cookie or one that would inject a header', async () => {
    const client = new AstratoClient({ ...credentials, baseUrl: BASE });
    await expect(client.signOut({ cookie: '' })).rejects.toBeInstanceOf(ValidationError);
    await expect(client.signOut({ cookie: 's=1\r\nx-evil: 1' })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('AstratoClient options', () => {
  it('refuses missing credentials and bad base URLs with a ValidationError', () => {
    expect(() => new AstratoClient({ clientId: '', clientSecret: 's' })).toThrow(ValidationError);
    expect(() => new AstratoClient({ ...credentials, baseUrl: 'app.astrato.io' })).toThrow('baseUrl: must be an http(s) URL');
    expect(() => new AstratoClient({ ...credentials, baseUrl: 'ftp://x.test' })).toThrow('baseUrl: must be an http(s) URL');
    expect(() => new AstratoClient({ ...credentials, baseUrl: 'https://u:p@x.test' })).toThrow('baseUrl: must be an origin such as https://x.test, with no path');
    expect(() => new AstratoClient({ ...credentials, timeout: 0 })).toThrow(/timeout/);
    expect(() => new AstratoClient({ ...credentials, retry: -1 })).toThrow(/retry/);
  });
});
