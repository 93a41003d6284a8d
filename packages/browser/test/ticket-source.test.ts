import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { useMswServer } from '@oemkit/test-support/msw';
import { ApiError, AuthenticationError, InvalidResponseError, RateLimitError, ValidationError } from '../src/index.js';
import { ticketFetcher } from '../src/ticket-source.js';

const TICKET_URL = 'https://host.test/api/astrato-ticket';
const server = useMswServer();

const fromEndpoint = () => ticketFetcher({ ticketUrl: TICKET_URL }, 10_000)(new AbortController().signal);

describe('the ticket endpoint', () => {
  it('is asked with a same-origin POST for JSON, and its ticketId returned', async () => {
    let seen: Request | undefined;
    server.use(http.post(TICKET_URL, ({ request }) => ((seen = request), HttpResponse.json({ ticketId: 'tkt-1' }))));
    await expect(fromEndpoint()).resolves.toBe('tkt-1');
    expect(seen!.credentials).toBe('same-origin');
    expect(seen!.headers.get('accept')).toBe('application/json');
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
  it('is called as given, and what it throws passes through unchanged', async () => {
    const own = new Error('my backend said no');
    await expect(ticketFetcher({ getTicket: async () => 'tkt-2' }, 10_000)(new AbortController().signal)).resolves.toBe('tkt-2');
    await expect(ticketFetcher({ getTicket: () => Promise.reject(own) }, 10_000)(new AbortController().signal)).rejects.toBe(own);
  });

  it('or a ticketUrl must be given, or the options are refused', () => {
    expect(() => ticketFetcher({}, 10_000)).toThrow(ValidationError);
  });
});
