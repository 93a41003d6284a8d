import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { useMswServer } from '@oemkit/test-support/msw';
import { AbortedError, ApiError, ConnectionError, InvalidResponseError, RateLimitError, TicketError, ValidationError, redeemTicket, signOut } from '../../src/index.js';

const BASE = 'https://tenant.astrato.test';
const server = useMswServer();

describe('redeemTicket', () => {
  it('GETs the ticket URL with ?embed and credentials, and returns the user', async () => {
    let seen: Request | undefined;
    server.use(http.get(`${BASE}/auth/proxy/oem/ticket/:ticket`, ({ request }) => ((seen = request), HttpResponse.json({ email: 'ana@example.com', groupIds: ['g1'] }))));
    const user = await redeemTicket('abc-123', { baseUrl: `${BASE}/` });
    expect(user).toEqual({ email: 'ana@example.com', groupIds: ['g1'] });
    expect(seen!.url).toBe(`${BASE}/auth/proxy/oem/ticket/abc-123?embed`);
    expect(seen!.credentials).toBe('include');
  });

  it('URL-encodes the ticket', async () => {
    let seen = '';
    server.use(http.get(`${BASE}/auth/proxy/oem/ticket/:ticket`, ({ request }) => ((seen = request.url), HttpResponse.json({}))));
    await redeemTicket('a b%', { baseUrl: BASE });
    expect(seen).toBe(`${BASE}/auth/proxy/oem/ticket/a%20b%25?embed`);
  });

  it('refuses a baseUrl with a path before sending anything, instead of failing to fetch', async () => {
    const error = await redeemTicket('abc-123', { baseUrl: `${BASE}/app` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: ['baseUrl'], message: `must be an origin such as ${BASE}, with no path` }]);
    await expect(signOut({ baseUrl: `${BASE}/app` })).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses tickets that could change the path before sending anything', async () => {
    for (const ticket of ['', '../admin', 'a/b', 'a?x=1', 'a#b', 'a\\b', '.', '\uD800', 'x\uDFFF', 42 as unknown as string]) {
      await expect(redeemTicket(ticket, { baseUrl: BASE }), JSON.stringify(ticket)).rejects.toBeInstanceOf(ValidationError);
    }
  });

  it('turns a refused ticket into a TicketError that does not show the ticket', async () => {
    for (const status of [400, 401, 403, 404, 410]) {
      server.use(http.get(`${BASE}/auth/proxy/oem/ticket/:ticket`, () => HttpResponse.json({ message: 'expired' }, { status })));
      const error = await redeemTicket('secret-ticket', { baseUrl: BASE }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TicketError);
      expect(error).toMatchObject({ code: 'TICKET_INVALID', status });
      expect(JSON.stringify(error) + String(error)).not.toContain('secret-ticket');
    }
  });

  it('turns a 429 into a retryable RateLimitError rather than a TicketError', async () => {
    server.use(http.get(`${BASE}/auth/proxy/oem/ticket/:ticket`, () => HttpResponse.json({ message: 'slow down' }, { status: 429 })));
    const error = await redeemTicket('secret-ticket', { baseUrl: BASE }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryable: true });
    expect(JSON.stringify(error) + String(error)).not.toContain('secret-ticket');
  });

  it('refuses a timeout that is not a whole deadline before sending anything', async () => {
    for (const timeout of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, '5000' as unknown as number]) {
      const error = await redeemTicket('t', { baseUrl: BASE, timeout }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).message).toBe('Invalid options: timeout: must be a number of milliseconds from 1 to 2147483647');
    }
  });

  it('reports server failures, network failures, non-JSON answers and aborts with their own classes', async () => {
    server.use(http.get(`${BASE}/auth/proxy/oem/ticket/:ticket`, () => new HttpResponse(null, { status: 502 })));
    await expect(redeemTicket('t', { baseUrl: BASE })).rejects.toSatisfy((e) => e instanceof ApiError && e.code === 'API_ERROR' && e.retryable);
    server.use(http.get(`${BASE}/auth/proxy/oem/ticket/:ticket`, () => HttpResponse.error()));
    await expect(redeemTicket('t', { baseUrl: BASE })).rejects.toBeInstanceOf(ConnectionError);
    server.use(http.get(`${BASE}/auth/proxy/oem/ticket/:ticket`, () => new HttpResponse('<html></html>')));
    await expect(redeemTicket('t', { baseUrl: BASE })).rejects.toBeInstanceOf(InvalidResponseError);
    const controller = new AbortController();
    controller.abort();
    server.use(http.get(`${BASE}/auth/proxy/oem/ticket/:ticket`, () => HttpResponse.json({})));
    await expect(redeemTicket('t', { baseUrl: BASE, signal: controller.signal })).rejects.toBeInstanceOf(AbortedError);
  });
});

describe('signOut', () => {
  it('sends a credentialed request to the sign-out path', async () => {
    let seen: Request | undefined;
    server.use(http.get(`${BASE}/auth/proxy/0/sign_out`, ({ request }) => ((seen = request), new HttpResponse(null, { status: 200 }))));
    await signOut({ baseUrl: BASE });
    expect(seen!.credentials).toBe('include');
  });
});
