/**
 * What the page's two requests (the ticket request and the redemption) do with answers meant to
 * hurt: redirects, HTML, oversized and endless bodies, servers that never answer, network errors
 * that quote the URL. Both share one exchange, so each case runs against both.
 */
import { HttpResponse, http, type HttpResponseResolver } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useMswServer } from '@oemkit/test-support/msw';
import { redeemTicket, type OemkitError } from '../../src/index.js';
import { ticketFetcher } from '../../src/exchange/ticket-source.js';

const TICKET = 'tkt-4f1c9a2e-secret';
const BASE = 'https://tenant.astrato.test';
const TICKET_URL = 'https://host.test/api/astrato-ticket';
const server = useMswServer();
afterEach(() => vi.unstubAllGlobals());

const paths = [
  {
    name: 'the ticket request',
    route: (resolver: HttpResponseResolver) => http.post(TICKET_URL, resolver),
    call: (timeout = 10_000, signal = new AbortController().signal) => ticketFetcher({ ticketUrl: TICKET_URL }, timeout)(signal),
  },
  {
    name: 'the redemption',
    route: (resolver: HttpResponseResolver) => http.get(`${BASE}/auth/proxy/oem/ticket/:ticket`, resolver),
    call: (timeout = 10_000, signal?: AbortSignal) => redeemTicket(TICKET, { baseUrl: BASE, timeout, signal }),
  },
];

const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected a rejection'), (error: OemkitError) => error);

/** The ticket may be in the URL or in the body; it must show up in no part of the error. */
function expectNoTicket(error: OemkitError) {
  const cause = error.cause instanceof Error ? `${error.cause.name} ${error.cause.message}` : String(error.cause);
  for (const text of [error.message, String(error), JSON.stringify(error), cause]) expect(text).not.toContain(TICKET);
}

/** A body that gives `chunk` each time it is read, `every` ms apart, and never ends. */
function endlessBody(chunk: string, every: number) {
  const state = { cancelled: false, sent: 0 };
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, every));
      state.sent += chunk.length;
      controller.enqueue(new TextEncoder().encode(chunk));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

/** Answers every fetch with `response` itself, so a cancel reaches its body (msw copies bodies). */
const answerDirectly = (response: Response) => vi.stubGlobal('fetch', async () => response);

describe.each(paths)('$name', ({ route, call }) => {
  it('refuses a redirect to a sign-in page instead of following it', async () => {
    const signIn = vi.fn(() => HttpResponse.text('<form>sign in</form>'));
    server.use(
      route(() => new HttpResponse(null, { status: 302, headers: { location: `https://host.test/sign-in?next=${TICKET}` } })),
      http.all('https://host.test/sign-in', signIn),
    );
    const error = await failure(call());
    expect(error).toMatchObject({ name: 'ApiError', code: 'API_ERROR', status: 302, retryable: false });
    expect(error.message).toMatch(/a redirect .*that oemkit does not follow/);
    expect(signIn).not.toHaveBeenCalled();
    expectNoTicket(error);
  });

  it('turns a 200 with an HTML page into an InvalidResponseError that does not quote the page', async () => {
    server.use(route(() => HttpResponse.html(`<html><body>ticketId: ${TICKET}</body></html>`)));
    const error = await failure(call());
    expect(error).toMatchObject({ name: 'InvalidResponseError', code: 'INVALID_RESPONSE', status: 200, retryable: false });
    expectNoTicket(error);
  });

  it('refuses a declared length over 64 KiB without reading the body', async () => {
    const body = endlessBody(`"${TICKET}",`, 5);
    answerDirectly(new Response(body.stream, { headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) } }));
    const error = await failure(call());
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', retryable: false });
    expect(error.message).toMatch(/larger than 64 KiB/);
    await vi.waitFor(() => expect(body.state.cancelled).toBe(true));
    // The stream fills its one-chunk queue by itself; nothing beyond that was asked for.
    expect(body.state.sent).toBeLessThanOrEqual(`"${TICKET}",`.length);
    expectNoTicket(error);
  });

  it('stops reading a body without a declared length once it passes 64 KiB', async () => {
    const body = endlessBody(`["${TICKET}"${' '.repeat(4096)}]`, 1);
    answerDirectly(new Response(body.stream, { headers: { 'content-type': 'application/json' } }));
    const error = await failure(call());
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', retryable: false });
    expect(error.message).toMatch(/larger than 64 KiB/);
    await vi.waitFor(() => expect(body.state.cancelled).toBe(true));
    expect(body.state.sent).toBeLessThan(2 * 65_536);
    expectNoTicket(error);
  });

  it('reads a body of exactly 64 KiB', async () => {
    const json = `{"ticketId":"${TICKET}","email":"ana@example.com"}`;
    server.use(route(() => new HttpResponse(json + ' '.repeat(65_536 - json.length), { headers: { 'content-type': 'application/json' } })));
    await expect(call()).resolves.toBeTruthy();
  });

  it('gives up on a server that never answers with a RequestTimeoutError after the deadline', async () => {
    server.use(route(() => new Promise<never>(() => {})));
    const started = Date.now();
    const error = await failure(call(100));
    expect(error).toMatchObject({ name: 'RequestTimeoutError', code: 'TIMEOUT', retryable: true, timeout: 100 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expectNoTicket(error);
  });

  it('gives up on a body that trickles in forever with a RequestTimeoutError after the deadline', async () => {
    const body = endlessBody(' ', 20);
    server.use(route(() => new HttpResponse(body.stream, { headers: { 'content-type': 'application/json' } })));
    const started = Date.now();
    const error = await failure(call(200));
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports the caller’s abort as an AbortedError, not a timeout', async () => {
    server.use(route(() => new Promise<never>(() => {})));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user left')), 20);
    const error = await failure(call(5_000, controller.signal));
    expect(error).toMatchObject({ name: 'AbortedError', code: 'ABORTED', retryable: false });
  });
});

describe('a network error while redeeming', () => {
  it('never carries the ticket, even when the runtime quotes the URL', async () => {
    const quoting = async (input: RequestInfo | URL) => {
      throw Object.assign(new TypeError(`fetch failed: could not reach ${String(input)}`), { request: { url: String(input) } });
    };
    vi.stubGlobal('fetch', quoting);
    const error = await failure(redeemTicket(TICKET, { baseUrl: BASE }));
    expect(error).toMatchObject({ name: 'ConnectionError', code: 'CONNECTION_ERROR', retryable: true });
    expect(error.message).toContain('[REDACTED]');
    expect(error.cause).not.toHaveProperty('request');
    expectNoTicket(error);
  });
});
