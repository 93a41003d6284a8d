import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useMswServer } from '@oemkit/test-support/msw';
import { AuthenticationError, InvalidResponseError, RateLimitError, TicketSourceError, ValidationError } from '@oemkit/schema/errors';
import { guestTokenFetcher } from '../../src/databrain/guest-token-source.js';

const TOKEN_URL = 'https://host.test/api/databrain-token';
const TOKEN = '3f2a9c4e-0b1d-4c8e-9a7f-2d6b5e1c0a93';
const server = useMswServer();
const signal = () => new AbortController().signal;
const fromEndpoint = () => guestTokenFetcher({ tokenUrl: TOKEN_URL }, 10_000)(signal());

describe('the guest-token endpoint as a source', () => {
  it('is asked with a same-origin POST, and gives the token with the lifetime a newer server sends', async () => {
    let seen: Request | undefined;
    server.use(http.post(TOKEN_URL, ({ request }) => ((seen = request), HttpResponse.json({ token: TOKEN, expiresIn: 3_600_000 }))));
    await expect(fromEndpoint()).resolves.toEqual({ token: TOKEN, expiresIn: 3_600_000 });
    expect(seen!.credentials).toBe('same-origin');
  });

  it('gives the token alone from a server older than expiresIn', async () => {
    server.use(http.post(TOKEN_URL, () => HttpResponse.json({ token: TOKEN })));
    await expect(fromEndpoint()).resolves.toEqual({ token: TOKEN });
  });

  it('turns the endpoint’s error words into the shared error classes', async () => {
    server.use(http.post(TOKEN_URL, () => HttpResponse.json({ error: 'unauthorized' }, { status: 401 })));
    await expect(fromEndpoint()).rejects.toBeInstanceOf(AuthenticationError);
    server.use(http.post(TOKEN_URL, () => HttpResponse.json({ error: 'rate_limited' }, { status: 429 })));
    await expect(fromEndpoint()).rejects.toMatchObject({ constructor: RateLimitError, service: 'host', retryable: true });
  });

  it('refuses an answer that is not the contract without quoting it', async () => {
    for (const body of [{ guestToken: TOKEN }, { token: TOKEN, expiresIn: '3600000' }, { token: `${TOKEN} x` }]) {
      server.use(http.post(TOKEN_URL, () => HttpResponse.json(body)));
      const error = await fromEndpoint().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect(String((error as Error).message)).not.toContain(TOKEN);
    }
  });
});

describe('getToken() as a source', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('takes a token or { token, expiresIn }', async () => {
    await expect(guestTokenFetcher({ getToken: async () => TOKEN }, 1_000)(signal())).resolves.toEqual({ token: TOKEN });
    await expect(guestTokenFetcher({ getToken: async () => ({ token: TOKEN, expiresIn: 60_000 }) }, 1_000)(signal())).resolves.toEqual({ token: TOKEN, expiresIn: 60_000 });
  });

  it('refuses a result that is not a token with a ValidationError that does not quote it', async () => {
    for (const result of [undefined, '', 'a b', { token: TOKEN, expiresIn: -1 }]) {
      const error = await guestTokenFetcher({ getToken: async () => result as never }, 1_000)(signal()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).message).toContain('getToken');
      expect((error as ValidationError).message).not.toContain(TOKEN);
    }
  });

  it('wraps what it throws in a TicketSourceError naming getToken(), and passes an oemkit error through', async () => {
    const original = new Error('token tkn-secret leaked');
    const error = await guestTokenFetcher({ getToken: () => Promise.reject(original) }, 1_000)(signal()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TicketSourceError);
    expect(error).toMatchObject({ code: 'TICKET_SOURCE_FAILED', message: 'getToken() threw or rejected', cause: original });
    expect(JSON.stringify(error)).not.toContain('tkn-secret');
    const own = new RateLimitError({ service: 'host', status: 429, method: 'POST', url: '/x' });
    await expect(guestTokenFetcher({ getToken: () => Promise.reject(own) }, 1_000)(signal())).rejects.toBe(own);
  });

  it('fails with a TicketSourceError when getToken() does not settle within the timeout', async () => {
    const pending = guestTokenFetcher({ getToken: () => new Promise(() => {}) }, 1_000)(signal()).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await pending).toMatchObject({ code: 'TICKET_SOURCE_FAILED', message: 'getToken() did not settle within 1000 ms' });
  });

  it('is required, one way or the other', () => {
    expect(() => guestTokenFetcher({}, 1_000)).toThrow(ValidationError);
  });
});
