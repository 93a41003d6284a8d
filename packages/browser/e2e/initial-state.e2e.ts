/**
 * The initial state (variables, query filters) against real Chromium and the emulator, whose embed
 * page reads its own link by Astrato's grammar and shows what it found in its diagnostics panel.
 */
import { describe, expect, it } from 'vitest';
import { applied, call, dashboardFrame, embed, events, harness, loads, page, useHostPage } from './support/host-page.js';

useHostPage();

type LinkState = { variables: [string, string][]; queryFilters: { model: string; table: string; field: string; values: string[]; appliesTo: string | null }[]; error?: string };
const linkState = async () => JSON.parse((await dashboardFrame().getByTestId('link-state-json').textContent()) ?? '{}') as LinkState;
const iframeSrc = () => page.locator('#dashboard iframe').getAttribute('src');
// A reload puts a new iframe in at once (its load comes later): the same element means none.
const markIframe = () => page.evaluate(() => ((window as unknown as { marked: unknown }).marked = document.querySelector('#dashboard iframe')));
const sameIframe = () => page.evaluate(() => (window as unknown as { marked: unknown }).marked === document.querySelector('#dashboard iframe'));

const COUNTRIES = { table: 'Region Dim', field: 'Country Name', values: ['United Kingdom', 'Ireland'] };

describe('the initial state in Chromium', () => {
  it('reaches the embed page in its link from the first load: the variables, and query filters applied to the model', async () => {
    await embed({
      variables: { vTop: 10, vIsMale: false, vText: 'This is a nice app' },
      queryFilters: [COUNTRIES, { model: 'Default', table: 'Territory', field: 'Sales Country', values: ['Australia', 'Canada'] }],
    });
    await expect.poll(loads).toBe(1);
    expect(await linkState()).toEqual({
      variables: [
        ['vTop', '10'],
        ['vIsMale', 'false'],
        ['vText', 'This is a nice app'],
      ],
      queryFilters: [
        { model: 'Default', ...COUNTRIES, appliesTo: 'Region Dim.Country Name' },
        { model: 'Default', table: 'Territory', field: 'Sales Country', values: ['Australia', 'Canada'], appliesTo: null },
      ],
    });
    // Applied by the page itself from the link, before any DYNAMIC FILTERING message.
    expect(await dashboardFrame().locator('[data-testid=query-filters] [data-applied=true]').getAttribute('data-path')).toBe('Default/Region Dim/Country Name');
    expect(await applied()).toEqual([]);
    expect(await iframeSrc()).toContain('variable=vText%3AThis%20is%20a%20nice%20app');
  });

  it('combines the two: the link sets the first render, DYNAMIC FILTERING filters set before load arrive after it', async () => {
    await embed({ queryFilters: [COUNTRIES] }, `dashboard.setFilters({ 'Date Dim.Year': '2026' });`);
    await expect.poll(applied).toEqual([['Date Dim.Year', ['2026']]]);
    expect((await linkState()).queryFilters.map((filter) => filter.values)).toEqual([COUNTRIES.values]);
  });

  it('refuses, before fetching a ticket, what the link cannot express, naming the filter and why', async () => {
    const outcome = await page.evaluate((astratoUrl) => {
      try {
        (window as unknown as { oemkit: typeof import('../src/index.js') }).oemkit.embedDashboard({
          container: '#dashboard',
          embedUrl: `${astratoUrl}/embed/demo`,
          baseUrl: astratoUrl,
          ticketUrl: '/api/ticket',
          queryFilters: [{ table: 'Customer', field: 'Name', values: ["O'Brien"] }],
        });
        return 'no error';
      } catch (error) {
        return `${(error as { code: string }).code}: ${(error as Error).message}`;
      }
    }, harness.astratoUrl);
    expect(outcome).toBe(`INVALID_FILTER: Filter 0 ("Name") cannot be sent to Astrato: a value contains "'", which the embed link cannot express`);
    expect(await page.evaluate(() => (window as unknown as { fetched: string[] }).fetched)).toEqual([]);
  });

  it('reload(link) shows a new initial state with the current session, and a recovery after it keeps that state', async () => {
    await embed({ variables: { vTop: 10 }, queryFilters: [COUNTRIES] });
    await expect.poll(loads).toBe(1);
    const tickets = harness.ticketRequests();
    await call(`dashboard.reload({ variables: { vTop: 5 } })`);
    await expect.poll(loads).toBe(2);
    // Replaced, not merged: the query filters were left out, so there are none.
    expect(await linkState()).toEqual({ variables: [['vTop', '5']], queryFilters: [] });
    expect(harness.ticketRequests()).toBe(tickets);

    harness.emulator.endSessions();
    await expect.poll(events, { timeout: 10_000 }).toContain('sessionRecovered');
    await expect.poll(() => dashboardFrame().getByTestId('status').textContent()).toBe('Signed in as ana@example.com');
    expect(await linkState()).toEqual({ variables: [['vTop', '5']], queryFilters: [] });
  });

  it('reload(link) made while a recovery is under way waits for it: the recovery loads the new link', async () => {
    await page.evaluate((astratoUrl) => {
      const w = window as unknown as { oemkit: typeof import('../src/index.js'); dashboard: unknown; events: string[]; release: () => void };
      const held = new Promise<void>((resolve) => (w.release = resolve));
      let calls = 0;
      const dashboard = w.oemkit.embedDashboard({
        container: '#dashboard',
        embedUrl: `${astratoUrl}/embed/demo`,
        baseUrl: astratoUrl,
        variables: { vTop: 10 },
        // The recovery's ticket (the second) waits until the test lets it go.
        getTicket: async () => {
          if (++calls > 1) {
            w.events.push('recovery asked for a ticket');
            await held;
          }
          return ((await (await fetch('/api/ticket', { method: 'POST' })).json()) as { ticketId: string }).ticketId;
        },
      });
      for (const event of ['load', 'sessionRecovered', 'error'] as const) dashboard.on(event, (error?: { code: string }) => w.events.push(error ? `${event}:${error.code}` : event));
      w.dashboard = dashboard;
    }, harness.astratoUrl);
    await expect.poll(loads).toBe(1);
    harness.emulator.endSessions();
    await expect.poll(events, { timeout: 10_000 }).toContain('recovery asked for a ticket');
    await markIframe();
    await call('dashboard.reload({ variables: { vTop: 3 } })');
    // Not loaded now, over a lost session: the recovery will.
    expect(await sameIframe()).toBe(true);
    expect(await loads()).toBe(1);
    await page.evaluate(() => (window as unknown as { release: () => void }).release());
    await expect.poll(events).toContain('sessionRecovered');
    expect(await linkState()).toEqual({ variables: [['vTop', '3']], queryFilters: [] });
    expect(await loads()).toBe(2);
  });

  it('reload(link) loads another embed link on the same origin, keeping its own parameters', async () => {
    await embed();
    await expect.poll(loads).toBe(1);
    await call(`dashboard.reload({ embedUrl: '${harness.astratoUrl}/embed/other?lang=en', queryFilters: [{ table: 'Date Dim', field: 'Year', values: [2026] }] })`);
    await expect.poll(loads).toBe(2);
    expect(await iframeSrc()).toBe(`${harness.astratoUrl}/embed/other?lang=en&queryFilter=Default%2F%27Date%20Dim%27%2FYear%20in%20(%272026%27)`);
    expect((await linkState()).queryFilters).toEqual([{ model: 'Default', table: 'Date Dim', field: 'Year', values: ['2026'], appliesTo: 'Date Dim.Year' }]);
  });

  it('reload(link) refuses a link on another origin and changes nothing', async () => {
    await embed({ variables: { vTop: 10 } });
    await expect.poll(loads).toBe(1);
    const src = await iframeSrc();
    await markIframe();
    const outcome = await page.evaluate(() => {
      try {
        (window as unknown as { dashboard: { reload(link: unknown): void } }).dashboard.reload({ embedUrl: 'https://evil.test/embed/x' });
        return 'no error';
      } catch (error) {
        return (error as { code: string }).code;
      }
    });
    expect(outcome).toBe('VALIDATION_ERROR');
    expect(await sameIframe()).toBe(true);
    expect(await loads()).toBe(1);
    expect(await iframeSrc()).toBe(src);
    // A later plain reload still uses the link it had.
    await call('dashboard.reload()');
    await expect.poll(loads).toBe(2);
    expect(await linkState()).toEqual({ variables: [['vTop', '10']], queryFilters: [] });
  });
});
