import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useMswServer } from '@oemkit/test-support/msw';
import {
  ApiError,
  AuthenticationError,
  InvalidResponseError,
  RateLimitError,
  TicketSourceError,
  ValidationError,
  type OemkitError,
} from '../../src/index.js';
import { ticketFetcher } from '../../src/exchange/ticket-source.js';

const TICKET_URL = 'https://host.test/api/astrato-ticket';
const server = useMswServer();

const fromEndpoint = (sessionKey?: string) => ticketFetcher({ ticketUrl: TICKET_URL }, 10_000)(new AbortController().signal, sessionKey);
const KEY = 'v1.q3Xb0tT7m2YyZ1kq7d6qjv0Wc3m7hN2v5x1Zb8fQe4A';

describe('the ticket endpoint', () => {
  it('is asked with a same-origin POST for JSON, and its ticketId returned', async () => {
    let seen: Request | undefined;
    server.use(http.post(TICKET_URL, ({ request }) => ((seen = request), HttpResponse.json({ ticketId: 'tkt-1' }))));
    await expect(fromEndpoint()).resolves.toEqual({ ticketId: 'tkt-1' });
    expect(seen!.credentials).toBe('same-origin');
    expect(seen!.headers.get('accept')).toBe('application/json');
    expect(seen!.headers.has('oemkit-session-key')).toBe(false);
  });

  it('sends the remembered session key in Oemkit-Session-Key and reads a kept session or a ticket with its key', async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.post(TICKET_URL, ({ request }) => {
        const key = request.headers.get('oemkit-session-key');
        seen.push(key);
        return HttpResponse.json(key === KEY ? { sessionKey: KEY } : { ticketId: 'tkt-9', sessionKey: KEY });
      }),
    );
    await expect(fromEndpoint(KEY)).resolves.toEqual({ sessionKey: KEY });
    await expect(fromEndpoint('v1.someone-else')).resolves.toEqual({ ticketId: 'tkt-9', sessionKey: KEY });
    expect(seen).toEqual([KEY, 'v1.someone-else']);
  });

  it('drops a malformed session key beside a good ticket, and refuses a kept session without a valid key', async () => {
    server.use(http.post(TICKET_URL, () => HttpResponse.json({ ticketId: 'tkt-3', sessionKey: 'not valid!' })));
    await expect(fromEndpoint()).resolves.toEqual({ ticketId: 'tkt-3' });
    server.use(http.post(TICKET_URL, () => HttpResponse.json({ sessionKey: 'not valid!' })));
    await expect(fromEndpoint(KEY)).rejects.toBeInstanceOf(InvalidResponseError);
  });

  const statuses: [number, new (...args: never[]) => ApiError, string, boolean][] = [
    [429, RateLimitError, 'RATE_LIMITED', true],
    [503, ApiError, 'API_ERROR', true],
    [401, AuthenticationError, 'AUTHENTICATION_ERROR', false],
    [404, ApiError, 'API_ERROR', false],
  ];
  for (const [status, type, code, retryable] of statuses) {
    it(`turns a ${status} into a${retryable ? ' retryable' : ''} ${type.name} through the shared status mapping`, async () => {
      server.use(http.post(TICKET_URL, () => HttpResponse.json({ error: 'no' }, { status })));
      const error = await fromEndpoint().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(type);
      expect(error).toMatchObject({ code, status, retryable, service: 'host' });
    });
  }

  it('turns JSON without a ticketId into a non-retryable InvalidResponseError naming the contract', async () => {
    for (const body of [{ ticket: 'tkt-1' }, { ticketId: '' }, { ticketId: 42 }, { ticketId: '../auth/proxy/0/sign_out' }, null, ['tkt-1'], 'tkt-1']) {
      server.use(http.post(TICKET_URL, () => HttpResponse.json(body)));
      const error = await fromEndpoint().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect(error).toMatchObject({ code: 'INVALID_RESPONSE', retryable: false });
      expect((error as Error).message).toContain('expected { "ticketId": "..." }');
    }
  });
});

describe('a getTicket function', () => {
  const fromFunction = (getTicket: () => Promise<string>, timeout = 10_000) => ticketFetcher({ getTicket }, timeout)(new AbortController().signal);
  const wrapped = (result: unknown) => ({ ticketId: result });
  const failure = (getTicket: () => Promise<string>, timeout?: number) =>
    fromFunction(getTicket, timeout).then(
      () => expect.unreachable('getTicket() should have failed'),
      (error: unknown) => error as OemkitError,
    );

  it('is called as given, and its ticket returned', async () => {
    await expect(fromFunction(async () => 'tkt-2')).resolves.toEqual({ ticketId: 'tkt-2' });
  });

  it('is told the remembered session key, and may answer as the endpoint does', async () => {
    const asked: unknown[] = [];
    const getTicket = async (context: { sessionKey?: string | undefined }) => (asked.push(context), context.sessionKey === KEY ? { sessionKey: KEY } : { ticketId: 'tkt-4', sessionKey: KEY });
    await expect(ticketFetcher({ getTicket }, 10_000)(new AbortController().signal, KEY)).resolves.toEqual({ sessionKey: KEY });
    await expect(ticketFetcher({ getTicket }, 10_000)(new AbortController().signal)).resolves.toEqual({ ticketId: 'tkt-4', sessionKey: KEY });
    expect(asked).toEqual([{ sessionKey: KEY }, { sessionKey: undefined }]);
  });

  it('turns what it throws or rejects with into a TicketSourceError whose cause is the original, without quoting its message', async () => {
    const own = new Error('my backend said no to tkt-secret');
    for (const getTicket of [() => Promise.reject(own), () => { throw own; }, async () => { throw own; }]) {
      const error = await failure(getTicket);
      expect(error).toBeInstanceOf(TicketSourceError);
      expect(error).toMatchObject({ code: 'TICKET_SOURCE_FAILED', message: 'getTicket() threw or rejected', retryable: false });
      expect(error.cause).toBe(own);
      expect(JSON.stringify(error)).not.toContain('tkt-secret');
    }
    // Not only Errors: a rejection with a string or nothing at all is wrapped the same way.
    expect(await failure(() => Promise.reject('no'))).toMatchObject({ code: 'TICKET_SOURCE_FAILED', cause: 'no' });
  });

  it('lets an oemkit error it throws through as it is, so a host can choose the code', async () => {
    const own = new AuthenticationError({ service: 'host', method: 'POST', url: '/my/ticket', status: 401 });
    expect(await failure(() => Promise.reject(own))).toBe(own);
  });

  it('lets an oemkit error from another copy of the package through as it is, not wrapped as a TicketSourceError', async () => {
    // The error classes evaluated a second time, as a host with two versions of oemkit in its bundle has them.
    vi.resetModules();
    const otherCopy = await import('@oemkit/schema/errors');
    const own = new otherCopy.RateLimitError({ service: 'host', method: 'POST', url: '/my/ticket', status: 429 });
    expect(own).not.toBeInstanceOf(RateLimitError);
    expect(await failure(() => Promise.reject(own))).toBe(own);
  });

  it('passes what it resolves to on as it is: the redemption is the one check of a ticket id', async () => {
    for (const result of [undefined, 42, '../auth/proxy/0/sign_out', { ticketId: '../x' }]) await expect(fromFunction(async () => result as never)).resolves.toEqual(wrapped(result));
  });

  // Red team of issue 17: a destroyed dashboard still waits in the session's lock, then asks.
  it('is not called for a dashboard already destroyed: no ticket is minted for nothing', async () => {
    const getTicket = vi.fn(async () => 'tkt-5');
    const destroyed = new AbortController();
    destroyed.abort();
    const error = await ticketFetcher({ getTicket }, 10_000)(destroyed.signal).catch((reason: unknown) => reason);
    expect(getTicket).not.toHaveBeenCalled();
    expect(error).toMatchObject({ code: 'ABORTED' });
  });

  it('lets go at once when the dashboard is destroyed while getTicket() is pending, not at the timeout', async () => {
    const destroyed = new AbortController();
    const pending = ticketFetcher({ getTicket: () => new Promise<string>(() => {}) }, 2_147_483_647)(destroyed.signal).catch((reason: unknown) => reason);
    destroyed.abort();
    expect(await pending).toMatchObject({ code: 'ABORTED' });
  }, 1_000);

  describe('that never settles', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('fails with a TicketSourceError once the timeout has passed, not before', async () => {
      const settled = vi.fn();
      const pending = failure(() => new Promise<string>(() => {}), 5_000).then((error) => (settled(), error));
      await vi.advanceTimersByTimeAsync(4_999);
      expect(settled).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(await pending).toMatchObject({ code: 'TICKET_SOURCE_FAILED', message: 'getTicket() did not settle within 5000 ms' });
    });

    it('leaves no timer behind once it has settled', async () => {
      await fromFunction(async () => 'tkt-3');
      // Cleared as the result settles, once the promise callbacks queued with it have run.
      await vi.advanceTimersByTimeAsync(0);
      expect(vi.getTimerCount()).toBe(0);
      await failure(() => Promise.reject(new Error('no')));
      await vi.advanceTimersByTimeAsync(0);
      expect(vi.getTimerCount()).toBe(0);
    });
  });

  it('or a ticketUrl must be given, or the options are refused', () => {
    expect(() => ticketFetcher({}, 10_000)).toThrow(ValidationError);
  });
});
