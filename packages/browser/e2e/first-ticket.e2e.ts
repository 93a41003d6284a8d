/**
 * The first ticket against real Chromium: the preconnect hint that opens Astrato's connection
 * meanwhile, how the ticket request ends, and what the host sees when its own getTicket() fails.
 */
import { describe, expect, it } from 'vitest';
import { harness, page, useHostPage } from './support/host-page.js';

useHostPage();

type Page = { oemkit: typeof import('../src/index.js'); dashboard: { destroy(): void; retry(): void }; events: string[]; release: () => void; hostTicket: () => Promise<string> };

/** Embeds with a getTicket() that waits for window.release() before asking the host backend. */
const embedWithHeldTicket = () =>
  page.evaluate((astratoUrl) => {
    const w = window as unknown as Page;
    const held = new Promise<void>((resolve) => (w.release = resolve));
    w.dashboard = w.oemkit.embedDashboard({
      container: '#dashboard',
      embedUrl: `${astratoUrl}/embed/demo`,
      baseUrl: astratoUrl,
      getTicket: async () => {
        await held;
        return ((await (await fetch('/api/ticket', { method: 'POST' })).json()) as { ticketId: string }).ticketId;
      },
    });
    (w.dashboard as unknown as { on(event: 'load', listener: () => void): void }).on('load', () => w.events.push('load'));
  }, harness.astratoUrl);

/** Every preconnect hint in the page (HTML links only): its href and whether it has a crossorigin attribute. */
const hints = () =>
  page.evaluate(() =>
    [...document.querySelectorAll('link[rel=preconnect]')]
      .filter((link): link is HTMLLinkElement => link instanceof HTMLLinkElement)
      .map((link) => ({ href: link.href, crossorigin: link.hasAttribute('crossorigin') })),
  );

describe('the preconnect hint in Chromium', () => {
  it('is in the page while the first ticket is fetched, for the Astrato origin and without crossorigin, and gone after destroy()', async () => {
    await embedWithHeldTicket();
    expect(await hints()).toEqual([{ href: `${harness.astratoUrl}/`, crossorigin: false }]);
    await page.evaluate(() => (window as unknown as Page).release());
    await expect.poll(() => page.evaluate(() => (window as unknown as Page).events)).toEqual(['load']);
    await page.evaluate(() => (window as unknown as Page).dashboard.destroy());
    expect(await hints()).toEqual([]);
  });

  it('is not added twice when the page already has one for that origin, and the host’s own stays after destroy()', async () => {
    await page.evaluate((origin) => document.head.append(Object.assign(document.createElement('link'), { rel: 'preconnect', href: `${origin}/` })), harness.astratoUrl);
    await embedWithHeldTicket();
    expect(await hints()).toEqual([{ href: `${harness.astratoUrl}/`, crossorigin: false }]);
    await page.evaluate(() => (window as unknown as Page).dashboard.destroy());
    expect(await hints()).toEqual([{ href: `${harness.astratoUrl}/`, crossorigin: false }]);
  });

  it('is added when the page’s only hint merely starts with the same characters as the Astrato origin', async () => {
    // The port with a digit more: not the same origin (not a valid one, even), the same prefix.
    await page.evaluate((href) => document.head.append(Object.assign(document.createElement('link'), { rel: 'preconnect', href })), `${harness.astratoUrl}0`);
    await embedWithHeldTicket();
    expect(await hints()).toEqual([
      { href: `${harness.astratoUrl}0`, crossorigin: false },
      { href: `${harness.astratoUrl}/`, crossorigin: false },
    ]);
  });

  it('is added when the page’s hint for the origin has crossorigin (an uncredentialed pool), and a <link> in inline SVG breaks nothing', async () => {
    await page.evaluate((origin) => {
      document.head.append(Object.assign(document.createElement('link'), { rel: 'preconnect', href: origin, crossOrigin: 'anonymous' }));
      document.body.insertAdjacentHTML('beforeend', `<svg><link rel="preconnect" href="${origin}"/></svg>`);
    }, harness.astratoUrl);
    await embedWithHeldTicket();
    expect(await hints()).toEqual([
      { href: `${harness.astratoUrl}/`, crossorigin: true },
      { href: `${harness.astratoUrl}/`, crossorigin: false },
    ]);
  });
});

describe('the ticket request in Chromium', () => {
  it('ends as a finished request, never net::ERR_ABORTED, when its no-store answer arrives in parts', async () => {
    // Seen with Next.js (whose route handlers answer in gzip chunks): about one request in three
    // was reported aborted just after its 200, while the page redeemed the ticket it had read.
    const ended = { finished: 0, failed: [] as string[] };
    const isTicketRequest = (url: string) => new URL(url).pathname === '/api/ticket-in-parts';
    page.on('requestfinished', (request) => void (isTicketRequest(request.url()) && ended.finished++));
    page.on('requestfailed', (request) => void (isTicketRequest(request.url()) && ended.failed.push(request.failure()?.errorText ?? '')));
    const rounds = 20;
    await page.evaluate(
      async ([astratoUrl, times]) => {
        const { oemkit } = window as unknown as Page;
        for (let round = 0; round < times; round++) {
          const dashboard = oemkit.embedDashboard({ container: '#dashboard', embedUrl: `${astratoUrl}/embed/demo`, baseUrl: astratoUrl, ticketUrl: '/api/ticket-in-parts' });
          await dashboard.ready;
          dashboard.destroy();
        }
      },
      [harness.astratoUrl, rounds] as const,
    );
    await expect.poll(() => ended.finished + ended.failed.length).toBe(rounds);
    expect(ended).toEqual({ finished: rounds, failed: [] });
  });
});

describe('a failing getTicket() in Chromium', () => {
  /** Embeds with `getTicket` (source code of a function) and reports how ready settled and what the error event saw. */
  const outcome = (getTicket: string, timeout?: number) =>
    page.evaluate(
      async ([astratoUrl, source, ms]) => {
        const w = window as unknown as Page & { thrown?: unknown };
        const dashboard = w.oemkit.embedDashboard({
          container: '#dashboard',
          embedUrl: `${astratoUrl}/embed/demo`,
          baseUrl: astratoUrl,
          getTicket: new Function(`return ${source}`)() as () => Promise<string>,
          ...(ms === undefined ? {} : { timeout: ms }),
        });
        const seen: string[] = [];
        dashboard.on('error', (error) => seen.push(`${error.name} ${error.code}`));
        const error = await dashboard.ready.then(
          () => undefined,
          (e: Error & { code: string }) => e,
        );
        return {
          name: error?.name,
          code: error?.code,
          message: error?.message,
          causeIsTheThrown: error !== undefined && w.thrown !== undefined && error.cause === w.thrown,
          seen,
          iframes: document.querySelectorAll('iframe').length,
        };
      },
      [harness.astratoUrl, getTicket, timeout] as const,
    );

  it('delivers a plain Error it throws as a TicketSourceError, on ready and on the error event, with the original as cause', async () => {
    expect(await outcome(`async () => { throw (window.thrown = new Error('backend said no for tkt-secret')); }`)).toEqual({
      name: 'TicketSourceError',
      code: 'TICKET_SOURCE_FAILED',
      message: 'getTicket() threw or rejected',
      causeIsTheThrown: true,
      seen: ['TicketSourceError TICKET_SOURCE_FAILED'],
      iframes: 0,
    });
  });

  it('fails one that never settles once the timeout has passed, instead of waiting for ever', async () => {
    expect(await outcome('() => new Promise(() => {})', 500)).toMatchObject({
      code: 'TICKET_SOURCE_FAILED',
      message: 'getTicket() did not settle within 500 ms',
      seen: ['TicketSourceError TICKET_SOURCE_FAILED'],
      iframes: 0,
    });
  });

  it('refuses what it resolves to when that is no ticket id, before any request to Astrato', async () => {
    // The endpoint's answer ({ ticketId, sessionKey }) is accepted as a ticket; the JSON under another name is not.
    expect(await outcome('async () => ({ ticket: "tkt-1" })')).toMatchObject({
      name: 'ValidationError',
      code: 'VALIDATION_ERROR',
      message: 'Invalid ticket: ticket: must be a ticket id without / ? # \\ .. or a lone surrogate, and not .',
      iframes: 0,
    });
    expect(await page.evaluate(() => (window as unknown as { fetched: string[] }).fetched)).toEqual([]);
  });

  it('loads the dashboard on retry() once getTicket() works again', async () => {
    await page.evaluate((astratoUrl) => {
      const w = window as unknown as Page;
      let calls = 0;
      w.dashboard = w.oemkit.embedDashboard({
        container: '#dashboard',
        embedUrl: `${astratoUrl}/embed/demo`,
        baseUrl: astratoUrl,
        getTicket: async () => {
          if (++calls === 1) throw new TypeError('Failed to fetch');
          return ((await (await fetch('/api/ticket', { method: 'POST' })).json()) as { ticketId: string }).ticketId;
        },
      });
      const dashboard = w.dashboard as unknown as import('../src/index.js').EmbeddedDashboard;
      for (const event of ['load', 'error'] as const) dashboard.on(event, (error?: { code: string }) => w.events.push(error ? `${event}:${error.code}` : event));
    }, harness.astratoUrl);
    await expect.poll(() => page.evaluate(() => (window as unknown as Page).events)).toEqual(['error:TICKET_SOURCE_FAILED']);
    await page.evaluate(() => (window as unknown as Page).dashboard.retry());
    await expect.poll(() => page.evaluate(() => (window as unknown as Page).events)).toEqual(['error:TICKET_SOURCE_FAILED', 'load']);
    await expect.poll(() => page.frameLocator('#dashboard iframe').getByTestId('status').textContent()).toBe('Signed in as ana@example.com');
  });
});
