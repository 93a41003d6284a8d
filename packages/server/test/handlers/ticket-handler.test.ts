import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { ticketEndpointErrorBodySchema, ticketEndpointResponseSchema, TICKET_ENDPOINT_ERRORS } from '@oemkit/schema';
import { AstratoClient, createGuestTokenHandler, createTicketHandler, type SetupInput } from '../../src/index.js';
import { useMswServer } from '@oemkit/test-support/msw';
import { unhandledRejections } from '@oemkit/test-support/unhandled-rejections';

const BASE = 'https://tenant.astrato.test';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtMm0ifQ.sig';
const server = useMswServer();

function astratoAnswering(setup: () => Response) {
  const bodies: unknown[] = [];
  server.use(
    http.post(`${BASE}/auth/proxy/m2m/token`, () => HttpResponse.json({ access_token: TOKEN, expires_in: 600 })),
    http.post(`${BASE}/oem/setup`, async ({ request }) => (bodies.push(await request.json()), setup())),
  );
  return bodies;
}

function handlerFor(authorize: (request: Request) => SetupInput | null | Promise<SetupInput | null>, errors: unknown[] = []) {
  const client = new AstratoClient({ clientId: 'id', clientSecret: 'secret-value', baseUrl: BASE, retry: 0 });
  return createTicketHandler({ client, authorize, onError: (error) => errors.push(error) });
}

const signedIn = () => ({ email: 'ana@example.com', groupNames: ['Viewers'] });
const post = () => new Request('https://host.test/api/ticket', { method: 'POST' });

describe('createTicketHandler', () => {
  it('answers only the ticket id and its session key, uncached, for a signed-in user', async () => {
    const bodies = astratoAnswering(() => HttpResponse.json({ ticket: 'tkt-1', debug: 'vendor extra' }));
    const response = await handlerFor(signedIn)(post());
    const sessionKey = await new AstratoClient({ clientId: 'id', clientSecret: 'secret-value', baseUrl: BASE }).sessionKey(signedIn());
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.clone().text()).toBe(`{"ticketId":"tkt-1","sessionKey":"${sessionKey}"}`);
    expect(ticketEndpointResponseSchema.parse(await response.json())).toEqual({ ticketId: 'tkt-1', sessionKey });
    expect(bodies).toEqual([{ email: 'ana@example.com', groupNames: ['Viewers'] }]);
  });

  it('passes the request to authorize so it can read the host session', async () => {
    astratoAnswering(() => HttpResponse.json({ ticket: 't' }));
    let seen: string | null = null;
    await handlerFor((request) => ((seen = request.headers.get('cookie')), signedIn()))(
      new Request('https://host.test/api/ticket', { method: 'POST', headers: { cookie: 'host_session=1' } }),
    );
    expect(seen).toBe('host_session=1');
  });

  it('answers 401 when nobody is signed in, without calling Astrato', async () => {
    const response = await handlerFor(() => null)(post());
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'unauthorized' });
  });

  it('answers 405 with Allow: POST to other methods', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'OPTIONS']) {
      const response = await handlerFor(signedIn)(new Request('https://host.test/api/ticket', { method }));
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    }
  });

  it('answers 500 when authorize throws, and reports the error', async () => {
    const errors: unknown[] = [];
    const response = await handlerFor(() => {
      throw new Error('session store down');
    }, errors)(post());
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'internal_error' });
    expect(errors).toHaveLength(1);
  });

  it('answers 502 for a ticket the page could not redeem, instead of passing it on', async () => {
    const errors: unknown[] = [];
    astratoAnswering(() => HttpResponse.json({ ticket: '../auth/proxy/0/sign_out' }));
    const response = await handlerFor(signedIn, errors)(post());
    expect(response.status).toBe(502);
    expect(errors).toEqual([expect.objectContaining({ code: 'INVALID_RESPONSE' })]);
  });

  it('answers 502, never the m2m token or the client secret, when Astrato echoes one back as the ticket', async () => {
    for (const echoed of [TOKEN, 'secret-value']) {
      const errors: unknown[] = [];
      astratoAnswering(() => HttpResponse.json({ ticket: echoed }));
      const response = await handlerFor(signedIn, errors)(post());
      expect(response.status).toBe(502);
      expect(await response.text()).toBe('{"error":"ticket_unavailable"}');
      expect(errors).toEqual([expect.objectContaining({ code: 'INVALID_RESPONSE' })]);
    }
  });

  it('answers 500 when authorize returns an invalid setup input', async () => {
    const response = await handlerFor(() => ({ email: 'not-an-email' }))(post());
    expect(response.status).toBe(500);
  });

  it('maps upstream failures to stable words and never leaks vendor text or tokens', async () => {
    const cases: [() => Response, number, string][] = [
      [() => HttpResponse.json({ message: `group missing for ${TOKEN}`, correlationId: 'c1' }, { status: 400 }), 502, 'ticket_unavailable'],
      [() => HttpResponse.json({ message: 'down' }, { status: 503 }), 503, 'upstream_unavailable'],
      [() => HttpResponse.error(), 503, 'upstream_unavailable'],
      [() => HttpResponse.json({ message: 'slow' }, { status: 429, headers: { 'retry-after': '7' } }), 429, 'rate_limited'],
      [() => new HttpResponse('<html>oops</html>'), 502, 'ticket_unavailable'],
    ];
    for (const [answer, status, word] of cases) {
      astratoAnswering(answer);
      const response = await handlerFor(signedIn)(post());
      const text = await response.text();
      expect(response.status).toBe(status);
      expect(text).toBe(JSON.stringify({ error: word }));
      expect(ticketEndpointErrorBodySchema.parse(JSON.parse(text))).toEqual({ error: word });
      expect(TICKET_ENDPOINT_ERRORS[word as keyof typeof TICKET_ENDPOINT_ERRORS]).toBe(status);
      expect(response.headers.get('cache-control')).toBe('no-store');
      if (status === 429) expect(response.headers.get('retry-after')).toBe('7');
    }
  });
});

describe('the handlers facing a broken onError or a hostile thrown value', () => {
  const hostile = new Proxy({}, {
    get() {
      throw new Error('read');
    },
    getPrototypeOf() {
      throw new Error('prototype');
    },
  });
  const failingSetup = { setup: async () => Promise.reject(new Error('setup failed')) };
  const guestClient = { createGuestToken: async () => Promise.reject(new Error('mint failed')) };
  const makers = {
    createTicketHandler: (options: object) => createTicketHandler({ client: failingSetup, authorize: signedIn, rateLimit: false, ...options }),
    createGuestTokenHandler: (options: object) =>
      createGuestTokenHandler({ client: guestClient, authorize: () => ({ clientId: 'acme', dataAppName: 'Sales App' }), rateLimit: false, ...options }),
  };

  it.each(Object.keys(makers) as (keyof typeof makers)[])('%s still answers 500 when onError throws or rejects', async (name) => {
    const throwing = makers[name]({
      onError: () => {
        throw new Error('error tracker down');
      },
    });
    expect((await throwing(post())).status).toBe(500);
    const rejecting = makers[name]({ onError: async () => Promise.reject(new Error('error tracker down')) });
    const unhandled = await unhandledRejections(async () => expect((await rejecting(post())).status).toBe(500));
    expect(unhandled).toEqual([]);
  });

  it.each(Object.keys(makers) as (keyof typeof makers)[])('%s answers 500 when authorize or the client throws a value that throws when read', async (name) => {
    const errors: unknown[] = [];
    const lines: unknown[] = [];
    const logger = { error: (_event: string, fields: unknown) => void lines.push(fields) };
    const fromAuthorize = makers[name]({
      authorize: () => {
        throw hostile;
      },
      onError: (error: unknown) => errors.push(error),
      logger,
    });
    expect((await fromAuthorize(post())).status).toBe(500);
    const fromClient = makers[name]({
      client: { setup: async () => Promise.reject(hostile), createGuestToken: async () => Promise.reject(hostile) },
      onError: (error: unknown) => errors.push(error),
      logger,
    });
    expect((await fromClient(post())).status).toBe(500);
    // Compared by identity: any deeper look would read the Proxy.
    expect(errors.length === 2 && errors.every((error) => error === hostile)).toBe(true);
    expect(lines).toEqual([expect.objectContaining({ code: 'UNEXPECTED', errorName: 'unreadable' }), expect.objectContaining({ code: 'UNEXPECTED', errorName: 'unreadable' })]);
  });
});
