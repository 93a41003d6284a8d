import { describe, expect, it } from 'vitest';
import { applied, astratoFrame, call, context, dashboardFrame, embed, events, fetchesTo, harness, page, useHostPage } from './support/host-page.js';

useHostPage();

describe('embedDashboard in Chromium', () => {
  it('redeems the ticket as a top-level request before it injects the iframe', async () => {
    const before = harness.emulator.calls.length;
    await embed();
    await expect.poll(events).toContain('load');
    const paths = harness.emulator.calls.slice(before).map((c) => `${c.method} ${c.path.replace(/ticket\/[^/]+/, 'ticket/:id')} ${c.status}`);
    expect(paths.indexOf('GET /auth/proxy/oem/ticket/:id 200')).toBeGreaterThanOrEqual(0);
    expect(paths.indexOf('GET /auth/proxy/oem/ticket/:id 200')).toBeLessThan(paths.indexOf('GET /embed/demo 200'));
    await expect.poll(() => dashboardFrame().getByTestId('status').textContent()).toBe('Signed in as ana@example.com');
    expect(await dashboardFrame().getByTestId('parameters').textContent()).toContain('[org_id].[string]');
    const iframe = page.locator('#dashboard iframe');
    expect(await iframe.getAttribute('title')).toBe('Astrato dashboard');
    expect(await iframe.getAttribute('allow')).toBe('fullscreen');
    expect(await iframe.getAttribute('sandbox')).toBeNull();
  });

  it('applies filters inside the iframe, sent from the host origin', async () => {
    await embed();
    await expect.poll(events).toContain('load');
    await call(`dashboard.setFilters({ 'Product Dim.Hierarchy Lvl2 Name': ['Fresh', 'Frozen'], 'Region Dim.Country Name': 'United Kingdom' })`);
    await expect.poll(applied).toEqual([
      ['Product Dim.Hierarchy Lvl2 Name', ['Fresh', 'Frozen']],
      ['Region Dim.Country Name', ['United Kingdom']],
    ]);
    expect(await dashboardFrame().getByTestId('events').textContent()).toContain(`${harness.hostUrl} "Product Dim.Hierarchy Lvl2 Name|Fresh,Frozen;Region Dim.Country Name|United Kingdom;"`);
  });

  it('queues filters set before the iframe has loaded and sends them once it has', async () => {
    await embed({}, `dashboard.setFilters({ 'Date Dim.Year': '2026' }); dashboard.send('CUSTOM', 'x');`);
    await expect.poll(applied).toEqual([['Date Dim.Year', ['2026']]]);
  });

  it('sends the current filters again after the iframe reloads', async () => {
    await embed();
    await expect.poll(events).toContain('load');
    await call(`dashboard.setFilters({ 'Date Dim.Year': '2025' })`);
    await call(`dashboard.setFilters({ 'Date Dim.Year': '2026' })`);
    await expect.poll(applied).toEqual([['Date Dim.Year', ['2026']]]);
    await astratoFrame().evaluate(() => location.reload());
    await expect.poll(async () => (await events()).filter((e) => e === 'load').length).toBe(2);
    await expect.poll(applied).toEqual([['Date Dim.Year', ['2026']]]);
    // The payload, not just the year: the log also shows the sender's origin, whose port may hold '2025'.
    expect(await dashboardFrame().getByTestId('events').textContent()).not.toContain('Date Dim.Year|2025');
  });

  it('recovers a lost session with a fresh ticket and reloads the dashboard with its filters', async () => {
    await embed({ filters: { 'Region Dim.Country Name': 'United Kingdom' } });
    await expect.poll(events).toContain('load');
    expect(harness.ticketRequests()).toBeGreaterThan(0);
    const ticketsBefore = harness.ticketRequests();
    harness.emulator.endSessions();
    await expect.poll(events, { timeout: 10_000 }).toContain('sessionRecovered');
    expect(harness.ticketRequests()).toBe(ticketsBefore + 1);
    await expect.poll(() => dashboardFrame().getByTestId('status').textContent()).toBe('Signed in as ana@example.com');
    await expect.poll(applied).toEqual([['Region Dim.Country Name', ['United Kingdom']]]);
  });

  it('stops with a SessionRecoveryError instead of looping when the session fails again right after recovery', async () => {
    await page.clock.install();
    await embed();
    await expect.poll(events).toContain('load');
    const ticketsBefore = harness.ticketRequests();
    const fetchesBefore = await fetchesTo('/api/ticket');
    harness.emulator.blockSessionCookies = true;
    harness.emulator.endSessions();
    await expect.poll(events, { timeout: 10_000 }).toContain('error:SESSION_RECOVERY_FAILED');
    // 1.5 s of the page's time at once: the dashboard's heartbeat reports the lost session 7 times more.
    await page.clock.runFor(1_500);
    expect(await fetchesTo('/api/ticket')).toBe(fetchesBefore + 1);
    expect(harness.ticketRequests()).toBe(ticketsBefore + 1);
    expect((await events()).filter((e) => e === 'error:SESSION_RECOVERY_FAILED')).toHaveLength(1);
  });

  it('ignores messages from other origins and never posts filters to them', async () => {
    await page.clock.install();
    await embed();
    await expect.poll(events).toContain('load');
    const ticketsBefore = harness.ticketRequests();
    const fetchesBefore = await fetchesTo('/api/ticket');
    // The iframe now shows a page on a foreign origin, which fakes Astrato's 401Error at once.
    await astratoFrame().goto(`${harness.foreignUrl}/`);
    await page.evaluate(() => window.postMessage({ type: 'Astrato', message: '401Error' }, '*'));
    await call(`dashboard.setFilters({ 'Date Dim.Year': '2026' })`);
    // Past the recovery delay in the page's time: a recovery the fake reports started would have asked for a ticket.
    await page.clock.runFor(1_000);
    const foreign = page.frames().find((frame) => frame.url().startsWith(harness.foreignUrl))!;
    expect(await foreign.locator('#received').textContent()).toBe('');
    expect(await fetchesTo('/api/ticket')).toBe(fetchesBefore);
    expect(harness.ticketRequests()).toBe(ticketsBefore);
    expect(await events()).not.toContain('sessionRecovered');
  });

  it('removes the iframe, listeners and timers on destroy, and later calls do nothing', async () => {
    await page.clock.install();
    await embed();
    await expect.poll(events).toContain('load');
    const ticketsBefore = harness.ticketRequests();
    const fetchesBefore = await fetchesTo('/');
    await call(`dashboard.destroy(); dashboard.destroy(); dashboard.setFilters({ A: 'b' }); dashboard.send('X', 1);`);
    expect(await page.locator('#dashboard iframe').count()).toBe(0);
    harness.emulator.endSessions();
    // A minute of the page's time, past every timer the dashboard sets (recovery delay, loop window, deadlines).
    await page.clock.runFor(60_000);
    expect(await fetchesTo('/')).toBe(fetchesBefore);
    expect(harness.ticketRequests()).toBe(ticketsBefore);
    expect(await events()).toEqual(['load']);
  });

  it('lets the host override the iframe attributes, adding a sandbox only when asked', async () => {
    await embed({ title: 'Sales', iframeAttributes: { sandbox: 'allow-scripts allow-same-origin', class: 'wide' } });
    await expect.poll(events).toContain('load');
    const iframe = page.locator('#dashboard iframe');
    expect(await iframe.getAttribute('title')).toBe('Sales');
    expect(await iframe.getAttribute('sandbox')).toBe('allow-scripts allow-same-origin');
    expect(await iframe.getAttribute('class')).toBe('wide');
    await expect.poll(() => dashboardFrame().getByTestId('status').textContent()).toBe('Signed in as ana@example.com');
  });

  it('stops calling a listener once it has unsubscribed', async () => {
    await embed({}, `window.extra = []; window.stop = dashboard.on('load', () => window.extra.push('load'));`);
    await expect.poll(() => page.evaluate(() => (window as unknown as { extra: string[] }).extra)).toEqual(['load']);
    await page.evaluate(() => (window as unknown as { stop: () => void }).stop());
    await astratoFrame().evaluate(() => location.reload());
    await expect.poll(async () => (await events()).filter((e) => e === 'load').length).toBe(2);
    expect(await page.evaluate(() => (window as unknown as { extra: string[] }).extra)).toEqual(['load']);
  });

  it('refuses an embed link that is not on the Astrato origin, naming the baseUrl it must start with', async () => {
    const message = await page.evaluate((astratoUrl) => {
      try {
        (window as unknown as { oemkit: typeof import('../src/index.js') }).oemkit.embedDashboard({ container: '#dashboard', embedUrl: 'https://evil.test/embed/x', baseUrl: astratoUrl, ticketUrl: '/api/ticket' });
        return 'no error';
      } catch (error) {
        return `${(error as { code: string }).code}: ${(error as Error).message}`;
      }
    }, harness.astratoUrl);
    expect(message).toBe(`VALIDATION_ERROR: Invalid options: embedUrl: must start with ${harness.astratoUrl}/ (baseUrl), with no user name or password`);
  });

  it('rejects ready and emits an error when the host refuses a ticket', async () => {
    const outcome = await page.evaluate(async (astratoUrl) => {
      const dashboard = (window as unknown as { oemkit: typeof import('../src/index.js') }).oemkit.embedDashboard({
        container: '#dashboard',
        embedUrl: `${astratoUrl}/embed/demo`,
        baseUrl: astratoUrl,
        getTicket: async () => 'not-a-real-ticket',
      });
      const seen: string[] = [];
      dashboard.on('error', (error) => seen.push(error.code));
      const code = await dashboard.ready.then(() => 'resolved', (error: { code: string }) => error.code);
      return { code, seen, iframes: document.querySelectorAll('iframe').length };
    }, harness.astratoUrl);
    expect(outcome).toEqual({ code: 'TICKET_INVALID', seen: ['TICKET_INVALID'], iframes: 0 });
  });

  it('redeems a ticket with the browser’s credentials so the session cookie is set', async () => {
    const user = await page.evaluate(async (astratoUrl) => {
      const { ticketId } = (await (await fetch('/api/ticket', { method: 'POST' })).json()) as { ticketId: string };
      return (window as unknown as { oemkit: typeof import('../src/index.js') }).oemkit.redeemTicket(ticketId, { baseUrl: astratoUrl });
    }, harness.astratoUrl);
    expect(user).toMatchObject({ email: 'ana@example.com', groupIds: ['grp-viewers'] });
    const cookies = await context.cookies(harness.astratoUrl);
    expect(cookies.map((cookie) => cookie.name)).toContain('astrato_session');
  });
});
