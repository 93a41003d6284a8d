/**
 * A ticket minted while the server rendered the page (`initialTicket`), against real Chromium and
 * the emulator: the first visit skips the ticket request, and only the first redemption uses it.
 */
import { describe, expect, it } from 'vitest';
import { AstratoClient } from '@oemkit/server';
import { call, embed, events, fetchesTo, harness, page, useHostPage } from './support/host-page.js';

useHostPage();

// The machine is shared: a first load, or a recovery, may take seconds.
const PATIENCE = { timeout: 10_000 };

/** A ticket as the host's server mints it during render: the same client, the same user. */
const mintTicket = async () => {
  const client = new AstratoClient({ clientId: harness.emulator.clientId, clientSecret: harness.emulator.clientSecret, baseUrl: harness.astratoUrl });
  return (await client.setup({ email: 'ana@example.com', groupNames: ['Viewers'] })).ticket;
};
/** The emulator's redemptions of this ticket, refused ones included. */
const redemptionsOf = (ticket: string) => harness.emulator.calls.filter((entry) => entry.path === `/auth/proxy/oem/ticket/${ticket}`).map((entry) => entry.status);

describe('embedDashboard with an initialTicket in Chromium', () => {
  it('redeems the server-rendered ticket and loads, asking the ticket source nothing: 2 round trips', async () => {
    const ticket = await mintTicket();
    const ticketsBefore = harness.ticketRequests();
    const callsBefore = harness.emulator.calls.length;
    await embed({ initialTicket: ticket });
    await expect.poll(events, PATIENCE).toEqual(['load']);
    expect(await fetchesTo('/api/ticket')).toBe(0);
    expect(harness.ticketRequests()).toBe(ticketsBefore);
    // The browser's round trips, in order (the embed page's own session checks left out).
    const trips = harness.emulator.calls.slice(callsBefore).filter((entry) => /^\/(auth\/proxy\/oem\/ticket|embed)\//.test(entry.path));
    expect(trips.map((entry) => `${entry.status} ${entry.path}`)).toEqual([`200 /auth/proxy/oem/ticket/${ticket}`, '200 /embed/demo']);
    expect(trips[1]!.receivedAt).toBeGreaterThanOrEqual(trips[0]!.at);
  });

  it('recovers a lost session with a fresh ticket from the ticket source, never the initial one', async () => {
    const ticket = await mintTicket();
    await embed({ initialTicket: ticket });
    await expect.poll(events, PATIENCE).toEqual(['load']);
    harness.emulator.endSessions();
    await expect.poll(events, PATIENCE).toEqual(['load', 'load', 'sessionRecovered']);
    expect(await fetchesTo('/api/ticket')).toBe(1);
    expect(redemptionsOf(ticket)).toEqual([200]);
  });

  it('falls back to one ticket from the ticket source when the initial ticket was already spent, reporting no error', async () => {
    const ticket = await mintTicket();
    // Spent elsewhere (another tab, a reload of a cached page): the emulator's tickets are single use.
    expect((await fetch(`${harness.astratoUrl}/auth/proxy/oem/ticket/${ticket}?embed`)).status).toBe(200);
    const ticketsBefore = harness.ticketRequests();
    await embed({ initialTicket: ticket });
    await expect.poll(events, PATIENCE).toEqual(['load']);
    expect(redemptionsOf(ticket)).toEqual([200, 401]);
    expect(await fetchesTo('/api/ticket')).toBe(1);
    expect(harness.ticketRequests() - ticketsBefore).toBe(1);
  });

  it('falls back the same way for a ticket Astrato does not know (expired and forgotten)', async () => {
    const unknown = crypto.randomUUID();
    await embed({ initialTicket: unknown });
    await expect.poll(events, PATIENCE).toEqual(['load']);
    expect(redemptionsOf(unknown)).toEqual([401]);
    expect(await fetchesTo('/api/ticket')).toBe(1);
  });

  it('never redeems an initial ticket twice in one page: a second dashboard given it asks the ticket source', async () => {
    const ticket = await mintTicket();
    await embed({ initialTicket: ticket });
    await expect.poll(events, PATIENCE).toEqual(['load']);
    await call('dashboard.destroy()');
    await embed({ initialTicket: ticket });
    await expect.poll(events, PATIENCE).toEqual(['load', 'load']);
    expect(redemptionsOf(ticket)).toEqual([200]);
    expect(await fetchesTo('/api/ticket')).toBe(1);
  });

  it('redeems a rendered ticket whose session key is no key, and remembers no key for it', async () => {
    const ticket = await mintTicket();
    await embed({ initialTicket: { ticketId: ticket, sessionKey: 'not a key' } });
    await expect.poll(events, PATIENCE).toEqual(['load']);
    expect(redemptionsOf(ticket)).toEqual([200]);
    const remembered = await page.evaluate((origin) => localStorage.getItem(`oemkit:session:${origin}`), harness.astratoUrl);
    expect(JSON.parse(remembered!)).toEqual({ g: expect.any(Number) });
  });

  it('refuses a malformed initial ticket with a ValidationError through ready, fetching nothing and not falling back', async () => {
    await page.evaluate((astratoUrl) => {
      const w = window as unknown as { oemkit: typeof import('../src/index.js'); outcome: Promise<unknown> };
      const dashboard = w.oemkit.embedDashboard({ container: '#dashboard', embedUrl: `${astratoUrl}/embed/demo`, baseUrl: astratoUrl, ticketUrl: '/api/ticket', initialTicket: '../sign-out' });
      w.outcome = dashboard.ready.then(
        () => 'ready',
        (error: { code: string; issues: unknown }) => [error.code, error.issues],
      );
    }, harness.astratoUrl);
    const [code, issues] = (await page.evaluate(() => (window as unknown as { outcome: Promise<unknown> }).outcome)) as [string, { path: string[] }[]];
    expect(code).toBe('VALIDATION_ERROR');
    expect(issues.map((issue) => issue.path)).toEqual([['ticket']]);
    expect(await page.evaluate(() => (window as unknown as { fetched: string[] }).fetched)).toEqual([]);
  });

  it('does not fall back when the redemption fails otherwise (rate limited): the error reaches ready and the error event', async () => {
    harness.refusingAstrato.state.status = 429;
    const redemptionsBefore = harness.refusingAstrato.state.redemptions;
    await page.evaluate((astratoUrl) => {
      const w = window as unknown as { oemkit: typeof import('../src/index.js'); events: string[]; outcome: Promise<string> };
      const dashboard = w.oemkit.embedDashboard({ container: '#dashboard', embedUrl: `${astratoUrl}/embed/demo`, baseUrl: astratoUrl, ticketUrl: '/api/ticket', initialTicket: crypto.randomUUID() });
      dashboard.on('error', (error) => w.events.push(`error:${error.code}`));
      w.outcome = dashboard.ready.then(
        () => 'ready',
        (error: { code: string }) => error.code,
      );
    }, harness.refusingAstrato.url);
    expect(await page.evaluate(() => (window as unknown as { outcome: Promise<string> }).outcome)).toBe('RATE_LIMITED');
    expect(await events()).toEqual(['error:RATE_LIMITED']);
    expect(harness.refusingAstrato.state.redemptions - redemptionsBefore).toBe(1);
    expect(await fetchesTo('/api/ticket')).toBe(0);
  });
});
