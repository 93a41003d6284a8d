/**
 * A ticket endpoint and an Astrato that misbehave, on real sockets, seen from real Chromium: every
 * failure must be a typed oemkit error, bounded in time, and must never quote a ticket. Errors cross
 * from the page to the test as plain data, so the page reads every field a logger would.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { harness, page, useHostPage } from './support/host-page.js';
import { SECRET, hostileCounts } from './support/hostile-routes.js';

useHostPage();

interface SeenError {
  name: string;
  code: string;
  retryable: boolean;
  status: unknown;
  message: string;
  string: string;
  json: string;
  cause: string;
  elapsed: number;
  emitted: string[];
  iframes: number;
}

/** Embeds with `options` and returns how `ready` failed, as plain data. */
async function readyFailure(options: { ticketUrl?: string; ticket?: string; astratoUrl?: string; timeout?: number }): Promise<SeenError> {
  return page.evaluate(async ({ ticket, astratoUrl, ...rest }) => {
    const { oemkit } = window as unknown as { oemkit: typeof import('../src/index.js') };
    const started = performance.now();
    const source = ticket === undefined ? { ticketUrl: rest.ticketUrl! } : { getTicket: async () => ticket };
    const dashboard = oemkit.embedDashboard({ container: '#dashboard', embedUrl: `${astratoUrl}/embed/demo`, baseUrl: astratoUrl, timeout: rest.timeout, ...source });
    const emitted: string[] = [];
    dashboard.on('error', (error) => emitted.push(error.code));
    const error = await dashboard.ready.then(
      () => new Error('ready resolved') as never,
      (reason: import('../src/index.js').OemkitError & { status?: unknown }) => reason,
    );
    const cause = error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : String(error.cause);
    return {
      name: error.name,
      code: error.code,
      retryable: error.retryable,
      status: error.status,
      message: error.message,
      string: String(error),
      json: JSON.stringify(error),
      cause,
      elapsed: performance.now() - started,
      emitted,
      iframes: document.querySelectorAll('iframe').length,
    };
  }, { astratoUrl: harness.astratoUrl, ...options });
}

function expectTypedAndSilent(error: SeenError, code: string, retryable: boolean) {
  expect({ code: error.code, retryable: error.retryable, emitted: error.emitted, iframes: error.iframes }).toEqual({ code, retryable, emitted: [code], iframes: 0 });
  for (const text of [error.message, error.string, error.json, error.cause]) expect(text).not.toContain(SECRET);
}

describe('a hostile ticket endpoint, in Chromium', () => {
  beforeEach(() => void (hostileCounts.signIn = 0));

  it('surfaces a redirect to a sign-in page as an ApiError for an opaque redirect, without following it', async () => {
    const error = await readyFailure({ ticketUrl: '/api/hostile/redirect' });
    expectTypedAndSilent(error, 'API_ERROR', false);
    expect(error).toMatchObject({ name: 'ApiError', status: 0 });
    expect(error.message).toMatch(/^POST \/api\/hostile\/redirect answered with a redirect that oemkit does not follow/);
    expect(hostileCounts.signIn).toBe(0);
  });

  it('turns a 200 with an HTML page into an InvalidResponseError that does not quote it', async () => {
    const error = await readyFailure({ ticketUrl: '/api/hostile/html' });
    expectTypedAndSilent(error, 'INVALID_RESPONSE', false);
    expect(error.message).toContain('expected { "ticketId": "..." }');
  });

  it('refuses a 200 whose declared length is over 64 KiB', async () => {
    const error = await readyFailure({ ticketUrl: '/api/hostile/oversized' });
    expectTypedAndSilent(error, 'INVALID_RESPONSE', false);
    expect(error.message).toContain('larger than 64 KiB');
  });

  it('stops reading a 200 body without a declared length once it passes 64 KiB', async () => {
    const error = await readyFailure({ ticketUrl: '/api/hostile/oversized-chunked' });
    expectTypedAndSilent(error, 'INVALID_RESPONSE', false);
    expect(error.message).toContain('larger than 64 KiB');
  });

  it('rejects ready with a RequestTimeoutError within the deadline when the body trickles in forever', async () => {
    const error = await readyFailure({ ticketUrl: '/api/hostile/trickle', timeout: 1_000 });
    expectTypedAndSilent(error, 'TIMEOUT', true);
    expect(error.name).toBe('RequestTimeoutError');
    expect(error.elapsed).toBeGreaterThanOrEqual(1_000);
    expect(error.elapsed).toBeLessThan(1_750);
  });

  it('turns a 429 into a retryable RateLimitError', async () => {
    const error = await readyFailure({ ticketUrl: '/api/hostile/429' });
    expectTypedAndSilent(error, 'RATE_LIMITED', true);
    expect(error).toMatchObject({ name: 'RateLimitError', status: 429 });
  });

  it('turns a 503 into a retryable ApiError', async () => {
    const error = await readyFailure({ ticketUrl: '/api/hostile/503' });
    expectTypedAndSilent(error, 'API_ERROR', true);
    expect(error).toMatchObject({ name: 'ApiError', status: 503 });
  });
});

describe('an Astrato that refuses the redemption, in Chromium', () => {
  it('turns a 429 into a retryable RateLimitError that does not show the ticket', async () => {
    harness.refusingAstrato.state.status = 429;
    const error = await readyFailure({ ticket: SECRET, astratoUrl: harness.refusingAstrato.url });
    expectTypedAndSilent(error, 'RATE_LIMITED', true);
    expect(error).toMatchObject({ name: 'RateLimitError', status: 429 });
  });

  it('turns a 404 into a TicketError that does not show the ticket', async () => {
    harness.refusingAstrato.state.status = 404;
    const error = await readyFailure({ ticket: SECRET, astratoUrl: harness.refusingAstrato.url });
    expectTypedAndSilent(error, 'TICKET_INVALID', false);
    expect(error).toMatchObject({ name: 'TicketError', status: 404 });
    expect(error.message).toContain('/auth/proxy/oem/ticket/[REDACTED]?embed');
  });
});
