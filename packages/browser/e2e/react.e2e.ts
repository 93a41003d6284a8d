import { beforeAll, describe, expect, it } from 'vitest';
import { watchPageProblems } from '@oemkit/test-support/chromium';
import { AstratoClient } from '@oemkit/server';
import { bundleWithReact, loadInNode, majorOf, REACT_VERSIONS, type ReactVersion } from '../test/support/react-versions.js';
import type { ReactTestApp, TestProps } from './support/react-app.js';
import { controlEvents, embedControl, flushToFrame } from './support/barriers.js';
import { astratoFrame, fetchesTo, harness, page, useHostPage } from './support/host-page.js';

useHostPage();

// The machine is shared: a first load, or a recovery, may take seconds.
const PATIENCE = { timeout: 10_000 };

const bundles = new Map<ReactVersion, string>();
beforeAll(async () => {
  for (const version of REACT_VERSIONS) bundles.set(version, await bundleWithReact('e2e/support/react-app.ts', version, { format: 'iife', platform: 'browser' }));
});

type Window = { reactApp: ReactTestApp };
const base = () => ({ embedUrl: `${harness.astratoUrl}/embed/demo`, baseUrl: harness.astratoUrl, ticketUrl: '/api/ticket' });
type Mode = { strict?: boolean; hook?: boolean; suspense?: 'shown' | 'suspended' };
const render = (props: TestProps = {}, mode: Mode = {}) =>
  page.evaluate(([all, how]) => (window as unknown as Window).reactApp.render(all, how), [{ ...base(), ...props }, mode] as const);
const log = () => page.evaluate(() => [...(window as unknown as Window).reactApp.log]);
const loads = async () => (await log()).filter((entry) => entry.startsWith('load#')).length;
const iframes = () => page.locator('#react-root iframe').count();
const frame = () => page.frameLocator('#react-root iframe');
const applied = async () => JSON.parse((await frame().getByTestId('applied-json').textContent()) ?? '[]') as [string, string[]][];
/** The DYNAMIC FILTERING messages the current page received, one line each. */
const filterMessages = async () => ((await frame().getByTestId('events').textContent()) ?? '').split('\n').filter(Boolean);
const linkState = async () => JSON.parse((await frame().getByTestId('link-state-json').textContent()) ?? '{}') as { variables: [string, string][]; queryFilters: { table: string; field: string; values: string[] }[] };
/** A ticket as the host's server mints it while rendering the page. */
const mintTicket = async () => {
  const client = new AstratoClient({ clientId: harness.emulator.clientId, clientSecret: harness.emulator.clientSecret, baseUrl: harness.astratoUrl });
  return (await client.setup({ email: 'ana@example.com', groupNames: ['Viewers'] })).ticket;
};
/** The emulator's answers to redemptions of this ticket. */
const redemptionsOf = (ticket: string) => harness.emulator.calls.filter((entry) => entry.path === `/auth/proxy/oem/ticket/${ticket}`).map((entry) => entry.status);
/** Remembers the current iframe element, to tell later whether it is still the same one. */
const markIframe = () => page.evaluate(() => ((window as unknown as { marked: unknown }).marked = document.querySelector('#react-root iframe')));
const sameIframe = () => page.evaluate(() => (window as unknown as { marked: unknown }).marked === document.querySelector('#react-root iframe'));
/** Waits until everything posted to the dashboard's iframe so far has arrived (see barriers.ts). */
const flushToIframe = () => flushToFrame('#react-root iframe');
/** How many Suspense parts had run their effects (see ReactTestApp.committed), to wait for the next. */
const committed = () => page.evaluate(() => [...(window as unknown as Window).reactApp.committed]);

describe.each(REACT_VERSIONS)('<AstratoDashboard> with React %i in Chromium', (version) => {
  const start = async (props: TestProps = {}, mode: Mode = {}) => {
    await page.addScriptTag({ content: bundles.get(version)! });
    expect(majorOf(await page.evaluate(() => (window as unknown as Window).reactApp.version))).toBe(version);
    const tickets = harness.ticketRequests();
    await render(props, mode);
    await expect.poll(log, PATIENCE).toContain('load#1');
    return tickets;
  };

  it('mounts in StrictMode with one ticket and one iframe, and hands the handle to its ref', async () => {
    const ticketsBefore = await start();
    // A second mount's ticket would have been asked for before the first load.
    await flushToIframe();
    expect(harness.ticketRequests()).toBe(ticketsBefore + 1);
    expect(await fetchesTo('/api/ticket')).toBe(1);
    expect(await iframes()).toBe(1);
    expect(await loads()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as Window).reactApp.handle()?.iframe === document.querySelector('#react-root iframe'))).toBe(true);
    await expect.poll(() => frame().getByTestId('status').textContent(), PATIENCE).toBe('Signed in as ana@example.com');
    expect(await page.locator('#react-root > div.astrato').evaluate((div) => [div.style.width, div.style.height])).toEqual(['800px', '500px']);
  });

  it('sends changed filters as one DYNAMIC FILTERING message, without a reload, and nothing for equal filters rebuilt on a render', async () => {
    await start({ filters: { 'Date Dim.Year': 2025 } });
    await expect.poll(applied, PATIENCE).toEqual([['Date Dim.Year', ['2025']]]);
    await markIframe();
    // Every render passes a new object: the same content must send nothing.
    await render({ filters: { 'Date Dim.Year': 2025 } });
    await render({ filters: { 'Date Dim.Year': 2025 } });
    await render({ filters: { 'Date Dim.Year': 2026 } });
    await expect.poll(applied, PATIENCE).toEqual([['Date Dim.Year', ['2026']]]);
    const marker = await flushToIframe();
    expect(await filterMessages()).toEqual([expect.stringContaining('2025'), expect.stringContaining('2026'), marker]);
    expect(await loads()).toBe(1);
    expect(await sameIframe()).toBe(true);
    expect(await fetchesTo('/api/ticket')).toBe(1);
  });

  it('reloads on the same session for a new embedUrl, variables or query filters: no new ticket', async () => {
    const ticketsBefore = await start({ variables: { vTop: 10 } });
    expect((await linkState()).variables).toEqual([['vTop', '10']]);
    await render({ variables: { vTop: 10 } });
    await render({ variables: { vTop: 5 }, queryFilters: [{ table: 'Date Dim', field: 'Year', values: [2026] }] });
    await expect.poll(loads, PATIENCE).toBe(2);
    expect(await linkState()).toMatchObject({ variables: [['vTop', '5']], queryFilters: [{ table: 'Date Dim', field: 'Year', values: ['2026'] }] });
    await render({ variables: { vTop: 5 }, queryFilters: [{ table: 'Date Dim', field: 'Year', values: [2026] }], embedUrl: `${harness.astratoUrl}/embed/other` });
    await expect.poll(loads, PATIENCE).toBe(3);
    await expect.poll(() => frame().getByTestId('title').textContent(), PATIENCE).toContain('emulated embed other');
    expect((await linkState()).variables).toEqual([['vTop', '5']]);
    // Leaving variables and query filters out means none.
    await render({ embedUrl: `${harness.astratoUrl}/embed/other` });
    await expect.poll(loads, PATIENCE).toBe(4);
    expect(await linkState()).toMatchObject({ variables: [], queryFilters: [] });
    // A further reload would replace the iframe the marker goes to.
    await flushToIframe();
    expect(await loads()).toBe(4);
    expect(harness.ticketRequests()).toBe(ticketsBefore + 1);
    expect(await fetchesTo('/api/ticket')).toBe(1);
    expect(await iframes()).toBe(1);
  });

  it('calls the latest callbacks and getTicket, whatever their identity', async () => {
    await start({ getTicketFromHost: true });
    expect(await log()).toEqual(['getTicket#1', 'load#1']);
    await render({ getTicketFromHost: true });
    await astratoFrame().evaluate(() => parent.postMessage({ type: 'SHEET CHANGED', payload: 'Sales' }, '*'));
    await expect.poll(log, PATIENCE).toContain('message:SHEET CHANGED:"Sales"#2');
    harness.emulator.endSessions();
    await expect.poll(log, PATIENCE).toContain('sessionRecovered#2');
    expect(await log()).toEqual(['getTicket#1', 'load#1', 'message:SHEET CHANGED:"Sales"#2', 'getTicket#2', 'load#2', 'sessionRecovered#2']);
  });

  it('reports a failed ticket through onError', async () => {
    await page.addScriptTag({ content: bundles.get(version)! });
    await render({ ticketUrl: '/api/hostile/429' });
    await expect.poll(log, PATIENCE).toEqual(['error:RATE_LIMITED#1']);
    expect(await iframes()).toBe(0);
  });

  it('reports a failed ticket as uncaught when there is no onError, instead of dropping it', async () => {
    await page.addScriptTag({ content: bundles.get(version)! });
    const uncaught: string[] = [];
    page.on('pageerror', (error) => uncaught.push(error.message));
    await render({ ticketUrl: '/api/hostile/429', withoutOnError: true });
    await expect.poll(() => uncaught, PATIENCE).toHaveLength(1);
    expect(uncaught[0]).toMatch(/429/);
    expect(await iframes()).toBe(0);
  });

  it('reports filters the codec refuses on a later render through onError, keeping the app, the iframe and the filters it showed', async () => {
    await start({ filters: { 'Geo.City': 'Paris' } });
    await expect.poll(applied, PATIENCE).toEqual([['Geo.City', ['Paris']]]);
    await markIframe();
    // A user typed a comma, which Astrato's DYNAMIC FILTERING splits on.
    await render({ filters: { 'Geo.City': 'Paris, France' } });
    await expect.poll(log, PATIENCE).toContain('error:INVALID_FILTER#2');
    // The host app is still rendered: the error did not escape the effect to unmount the root.
    expect(await iframes()).toBe(1);
    expect(await sameIframe()).toBe(true);
    await render({ filters: { 'Geo.City': 'Lyon' } });
    await expect.poll(applied, PATIENCE).toEqual([['Geo.City', ['Lyon']]]);
  });

  it('keeps the app when the onError given a refused later filters value throws, and reports that throw as uncaught', async () => {
    await start({ filters: { 'Geo.City': 'Paris' }, throwingOnError: true });
    await expect.poll(applied, PATIENCE).toEqual([['Geo.City', ['Paris']]]);
    await markIframe();
    const uncaught: string[] = [];
    page.on('pageerror', (error) => uncaught.push(error.message));
    await render({ filters: { 'Geo.City': 'Paris, France' }, throwingOnError: true });
    await expect.poll(log, PATIENCE).toContain('error:INVALID_FILTER#2');
    await expect.poll(() => uncaught, PATIENCE).toEqual(['onError#2 threw']);
    // Thrown from the effect, the host's failing reporter would have unmounted the whole root.
    expect(await iframes()).toBe(1);
    expect(await sameIframe()).toBe(true);
    await render({ filters: { 'Geo.City': 'Lyon' } });
    await expect.poll(applied, PATIENCE).toEqual([['Geo.City', ['Lyon']]]);
  });

  it('reports both a refused link and refused filters given in one render, keeping the iframe', async () => {
    await start({ filters: { 'Geo.City': 'Paris' } });
    await markIframe();
    await render({ embedUrl: 'https://elsewhere.example/embed/demo', filters: { 'Geo.City': 'Paris, France' } });
    await expect.poll(log, PATIENCE).toContain('error:INVALID_FILTER#2');
    await expect.poll(log, PATIENCE).toContain('error:VALIDATION_ERROR#2');
    expect(await sameIframe()).toBe(true);
  });

  it('destroys the dashboard on unmount: no iframe, a null ref, nothing fetched after', async () => {
    await start();
    await page.evaluate(() => (window as unknown as Window).reactApp.unmount());
    await expect.poll(iframes, PATIENCE).toBe(0);
    expect(await page.evaluate(() => (window as unknown as Window).reactApp.handle())).toBeNull();
    // A live dashboard, the control, sees its session lost and fetches a ticket to recover: by the
    // time it has recovered, a dashboard the unmount had left behind would have asked for one too.
    await embedControl();
    harness.emulator.endSessions();
    await expect.poll(controlEvents, PATIENCE).toEqual(['load', 'load', 'sessionRecovered']);
    // The component's one ticket, then the control's two.
    expect(await fetchesTo('/api/ticket')).toBe(1 + 2);
    expect(await log()).toEqual(['load#1']);
  });

  it('leaves nothing behind when unmounted while its ticket is on the way', async () => {
    // The ticket endpoint holds its answer, so the unmount is sure to come while it is on the way;
    // the request's own timeout is far beyond the test's patience, so an abort seen is the unmount's.
    await page.route('**/api/ticket', () => undefined);
    const props = { ...base(), timeout: 60_000 };
    await page.addScriptTag({ content: bundles.get(version)! });
    await page.evaluate(([props]) => {
      const w = window as unknown as Window & { ticketOutcome?: string };
      const pageFetch = window.fetch;
      // Unmounts as soon as the dashboard has asked for its ticket, before the answer is in, and
      // records how that request ended.
      window.fetch = function (input, init) {
        if (!String(input).includes('/api/ticket')) return pageFetch.call(this, input, init);
        setTimeout(() => w.reactApp.unmount(), 0);
        const answer = pageFetch.call(this, input, init);
        answer.then(
          () => (w.ticketOutcome = 'answered'),
          (error: Error) => (w.ticketOutcome = error.name),
        );
        return answer;
      };
      w.reactApp.render(props);
    }, [props] as const);
    await expect.poll(() => fetchesTo('/api/ticket'), PATIENCE).toBe(1);
    // The unmount aborts the request: nothing can come of it after that.
    await expect.poll(() => page.evaluate(() => (window as unknown as { ticketOutcome?: string }).ticketOutcome), PATIENCE).toBe('AbortError');
    expect(await fetchesTo(harness.astratoUrl)).toBe(0);
    expect(await iframes()).toBe(0);
    expect(await log()).toEqual([]);
  });

  it('gives the hook’s dashboard to the component that uses it, under the same rules', async () => {
    const ticketsBefore = await start({ filters: { 'Date Dim.Year': 2025 } }, { hook: true });
    await expect.poll(() => page.evaluate(() => (window as unknown as Window).reactApp.hookDashboard()?.iframe === document.querySelector('#react-root section.astrato iframe')), PATIENCE).toBe(true);
    await render({ filters: { 'Date Dim.Year': 2026 } }, { hook: true });
    await expect.poll(applied, PATIENCE).toEqual([['Date Dim.Year', ['2026']]]);
    expect(harness.ticketRequests()).toBe(ticketsBefore + 1);
    expect(await iframes()).toBe(1);
    await page.evaluate(() => (window as unknown as Window).reactApp.unmount());
    await expect.poll(iframes, PATIENCE).toBe(0);
  });

  it('hydrates the server’s HTML without a mismatch, then starts with one ticket', async () => {
    const server = await loadInNode<typeof import('../test/support/server-render.js')>('test/support/server-render.ts', version);
    const html = server.renderComponent({ ...base(), className: 'astrato', style: { width: 800, height: 500 } });
    expect(html).toBe('<div class="astrato" style="width:800px;height:500px"></div>');
    const problems = watchPageProblems(page, { warnings: true, uncaught: false });
    await page.addScriptTag({ content: bundles.get(version)! });
    await page.evaluate(([props, serverHtml]) => (window as unknown as Window).reactApp.hydrate(props, serverHtml), [base(), html] as const);
    await expect.poll(log, PATIENCE).toEqual(['load#1']);
    await flushToIframe();
    expect(await fetchesTo('/api/ticket')).toBe(1);
    expect(await iframes()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('keeps its dashboard, its iframe and its session while a Suspense boundary above it shows its fallback', async () => {
    // An update that is not a transition and suspends a sibling: React hides the shown content
    // (display: none) and detaches its refs until the sibling is ready, then shows it again.
    const ticketsBefore = await start({}, { suspense: 'shown' });
    await markIframe();
    const before = (await committed()).length;
    await render({}, { suspense: 'suspended' });
    await expect.poll(() => page.locator('#fallback').count(), PATIENCE).toBe(1);
    expect(await page.locator('#react-root div.astrato').evaluate((div) => getComputedStyle(div).display)).toBe('none');
    // The effects of the commit that showed the fallback have run, the dashboard's cleanups too:
    // a dashboard stopped by them would be gone a microtask later, its iframe with it.
    await expect.poll(async () => (await committed()).slice(before), PATIENCE).toContain('fallback');
    expect(await sameIframe()).toBe(true);
    const hidden = (await committed()).length;
    await page.evaluate(() => (window as unknown as Window).reactApp.resume());
    await expect.poll(() => page.locator('#fallback').count(), PATIENCE).toBe(0);
    // The same for the commit that showed the dashboard again; a reload or a new dashboard would
    // replace its iframe at once, which the marker then would not reach.
    await expect.poll(async () => (await committed()).slice(hidden), PATIENCE).toContain('sibling');
    await flushToIframe();
    expect(await sameIframe()).toBe(true);
    expect(await fetchesTo('/api/ticket')).toBe(1);
    expect(await loads()).toBe(1);
    expect(harness.ticketRequests()).toBe(ticketsBefore + 1);
    expect(await page.evaluate(() => (window as unknown as Window).reactApp.handle()?.iframe === document.querySelector('#react-root iframe'))).toBe(true);
  });

  it('redeems an initialTicket once, with no ticket request, through StrictMode and re-renders; a remount asks the ticket source', async () => {
    const ticket = await mintTicket();
    await start({ initialTicket: ticket });
    await render({ initialTicket: ticket, filters: { 'Date Dim.Year': 2026 } });
    await expect.poll(applied, PATIENCE).toEqual([['Date Dim.Year', ['2026']]]);
    await flushToIframe();
    expect(await fetchesTo('/api/ticket')).toBe(0);
    expect(redemptionsOf(ticket)).toEqual([200]);
    expect(await loads()).toBe(1);
    // Another component in its place: a new dashboard, given the same (now spent) ticket.
    await render({ initialTicket: ticket }, { hook: true });
    await expect.poll(loads, PATIENCE).toBe(2);
    expect(redemptionsOf(ticket)).toEqual([200]);
    expect(await fetchesTo('/api/ticket')).toBe(1);
    expect(await iframes()).toBe(1);
  });

  it('works outside StrictMode too', async () => {
    const ticketsBefore = await start({}, { strict: false });
    expect(harness.ticketRequests()).toBe(ticketsBefore + 1);
    expect(await iframes()).toBe(1);
  });
});
