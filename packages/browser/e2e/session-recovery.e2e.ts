/**
 * Session recovery against real Chromium and the emulator, with Astrato's habit of reporting a
 * lost session again and again (at load and from its session heartbeat), as a browser that blocks
 * third-party cookies sees it.
 */
import { describe, expect, it } from 'vitest';
import { call, context, embed, events, fetchesTo, harness, page, useHostPage } from './support/host-page.js';

useHostPage();

/**
 * The emulator's page reports a lost session once per load; real Astrato keeps reporting it from
 * its heartbeat. This repeats the report every `every` ms in every Astrato frame while it has no session.
 */
async function repeatLostSessionEvery(every: number) {
  await context.addInitScript(
    ([astratoOrigin, interval]) => {
      if (location.origin !== astratoOrigin || window.parent === window) return;
      setInterval(() => {
        if (document.body?.dataset.session !== 'active') window.parent.postMessage({ type: 'Astrato', message: '401Error' }, '*');
      }, interval);
    },
    [harness.astratoUrl, every] as const,
  );
}

const count = async (event: string) => (await events()).filter((e) => e === event).length;

describe('session recovery in Chromium', () => {
  it('makes one recovery and emits one SessionRecoveryError however often a cookie-blocking browser reports the lost session, until retry()', async () => {
    harness.emulator.blockSessionCookies = true;
    // The page's clock first, so the reports below run on it too.
    await page.clock.install();
    await repeatLostSessionEvery(100);
    const ticketsBefore = harness.ticketRequests();
    const redeemedBefore = harness.emulator.counts.ticketsRedeemed;
    await embed();
    await expect.poll(events, { timeout: 10_000 }).toContain('error:SESSION_RECOVERY_FAILED');
    // 3 s of the page's time at once: 30 more 401Errors.
    await page.clock.runFor(3_000);
    // One ticket for the first load, one for the single recovery; nothing more in 3 s of 401Errors.
    expect(await fetchesTo('/api/ticket')).toBe(2);
    expect(harness.ticketRequests() - ticketsBefore).toBe(2);
    expect(harness.emulator.counts.ticketsRedeemed - redeemedBefore).toBe(2);
    expect(await count('error:SESSION_RECOVERY_FAILED')).toBe(1);

    await call('dashboard.retry()');
    await expect.poll(() => count('error:SESSION_RECOVERY_FAILED'), { timeout: 10_000 }).toBe(2);
    await page.clock.runFor(3_000);
    expect(await fetchesTo('/api/ticket')).toBe(3);
    expect(harness.ticketRequests() - ticketsBefore).toBe(3);
    expect(await count('error:SESSION_RECOVERY_FAILED')).toBe(2);
  });

  it('recovers on retry() once the browser keeps the session cookie again', async () => {
    harness.emulator.blockSessionCookies = true;
    await repeatLostSessionEvery(100);
    await embed();
    await expect.poll(events, { timeout: 10_000 }).toContain('error:SESSION_RECOVERY_FAILED');
    harness.emulator.blockSessionCookies = false;
    await call('dashboard.retry()');
    await expect.poll(events, { timeout: 10_000 }).toContain('sessionRecovered');
    await expect.poll(() => page.frameLocator('#dashboard iframe').getByTestId('status').textContent()).toBe('Signed in as ana@example.com');
  });

  it('reload() reloads with the current session without a new ticket', async () => {
    await embed();
    await expect.poll(events).toContain('load');
    const ticketsBefore = harness.ticketRequests();
    await call('dashboard.reload()');
    await expect.poll(() => count('load')).toBe(2);
    expect(harness.ticketRequests()).toBe(ticketsBefore);
    expect(await events()).not.toContain('sessionRecovered');
  });

  it('abandons a recovery in flight on destroy(): no redemption, no iframe and no event after it', async () => {
    await page.clock.install();
    await page.evaluate((astratoUrl) => {
      const w = window as unknown as { oemkit: typeof import('../src/index.js'); dashboard: unknown; events: string[]; release: () => void };
      const held = new Promise<void>((resolve) => (w.release = resolve));
      let calls = 0;
      const dashboard = w.oemkit.embedDashboard({
        container: '#dashboard',
        embedUrl: `${astratoUrl}/embed/demo`,
        baseUrl: astratoUrl,
        // The recovery's ticket (the second) waits until the test lets it go.
        getTicket: async () => {
          if (++calls > 1) {
            w.events.push('recovery asked for a ticket');
            await held;
          }
          const { ticketId } = (await (await fetch('/api/ticket', { method: 'POST' })).json()) as { ticketId: string };
          if (calls > 1) w.events.push('recovery got its ticket');
          return ticketId;
        },
      });
      for (const event of ['load', 'sessionRecovered', 'error'] as const) {
        dashboard.on(event, (error?: { code: string }) => w.events.push(error ? `${event}:${error.code}` : event));
      }
      w.dashboard = dashboard;
    }, harness.astratoUrl);
    await expect.poll(events).toContain('load');
    harness.emulator.endSessions();
    await expect.poll(events, { timeout: 10_000 }).toContain('recovery asked for a ticket');
    await call('dashboard.destroy()');
    const redeemedBefore = harness.emulator.counts.ticketsRedeemed;
    const redemptionsBefore = await fetchesTo('/auth/proxy/oem/ticket/');
    await page.evaluate(() => (window as unknown as { release: () => void }).release());
    // The ticket is back in the page; a recovery still alive would redeem it next, then load the iframe.
    await expect.poll(events).toContain('recovery got its ticket');
    await page.clock.runFor(1_500);
    expect(await fetchesTo('/auth/proxy/oem/ticket/')).toBe(redemptionsBefore);
    expect(harness.emulator.counts.ticketsRedeemed).toBe(redeemedBefore);
    expect(await page.locator('#dashboard iframe').count()).toBe(0);
    expect(await events()).toEqual(['load', 'recovery asked for a ticket', 'recovery got its ticket']);
  });
});
