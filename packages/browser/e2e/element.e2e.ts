import { beforeAll, describe, expect, it } from 'vitest';
import type { AstratoDashboardElement } from '../src/element.js';
import { controlEvents, embedControl, flushToFrame } from './support/barriers.js';
import { astratoFrame, fetchesTo, harness, page, useHostPage } from './support/host-page.js';
import { bundleForPage } from './support/page-bundle.js';

useHostPage();

// The machine is shared: a first load, or a recovery, may take seconds.
const PATIENCE = { timeout: 10_000 };

/** The element entry as a page gets it: one script exposing `window.oemkitElement`. */
let script: string;
beforeAll(async () => {
  script = await bundleForPage(new URL('../src/element.ts', import.meta.url), 'oemkitElement');
});

type Page = Window & { oemkitElement: typeof import('../src/element.js'); log: string[]; marked: unknown };

/**
 * Defines the element and adds one with these attributes (and, before it is added, these
 * properties); its events, caught on the document as they bubble, land in `window.log`.
 */
async function addElement(attributes: Record<string, string> = {}, properties: Record<string, unknown> = {}) {
  await page.addScriptTag({ content: script });
  await page.evaluate(
    ([all, props]) => {
      const w = window as unknown as Page;
      w.oemkitElement.defineAstratoDashboard();
      w.log = [];
      for (const type of ['astrato-load', 'astrato-error', 'astrato-session-recovered', 'astrato-message']) {
        document.addEventListener(type, (event) => {
          const { detail } = event as CustomEvent<{ code?: string } | null>;
          w.log.push(detail === null ? type : `${type}:${detail.code ?? JSON.stringify(detail)}`);
        });
      }
      const element = document.createElement('astrato-dashboard');
      for (const [name, value] of Object.entries(all)) element.setAttribute(name, value);
      Object.assign(element, props);
      element.style.cssText = 'display:block;width:800px;height:500px';
      document.body.append(element);
    },
    [{ 'embed-url': `${harness.astratoUrl}/embed/demo`, 'base-url': harness.astratoUrl, 'ticket-url': '/api/ticket', ...attributes }, properties] as const,
  );
}

/** Runs `code` in the page with the element bound to `element`. */
const onElement = (code: string) => page.evaluate((source) => new Function('element', source)(document.querySelector('astrato-dashboard')), code);
const log = () => page.evaluate(() => [...(window as unknown as Page).log]);
const loads = async () => (await log()).filter((entry) => entry === 'astrato-load').length;
const iframes = () => page.locator('iframe').count();
const frame = () => page.frameLocator('astrato-dashboard iframe');
const applied = async () => JSON.parse((await frame().getByTestId('applied-json').textContent()) ?? '[]') as [string, string[]][];
const filterMessages = async () => ((await frame().getByTestId('events').textContent()) ?? '').split('\n').filter(Boolean);
const linkState = async () => JSON.parse((await frame().getByTestId('link-state-json').textContent()) ?? '{}') as { variables: [string, string][]; queryFilters: { table: string; field: string; values: string[] }[] };
const markIframe = () => page.evaluate(() => ((window as unknown as Page).marked = document.querySelector('astrato-dashboard iframe')));
const sameIframe = () => page.evaluate(() => (window as unknown as Page).marked === document.querySelector('astrato-dashboard iframe'));
/** Waits until everything posted to the element's iframe so far has arrived (see barriers.ts). */
const flushToIframe = () => flushToFrame('astrato-dashboard iframe');

describe('<astrato-dashboard> in Chromium', () => {
  it('starts from its attributes with one ticket, puts the iframe inside itself and dispatches astrato-load', async () => {
    const ticketsBefore = harness.ticketRequests();
    await addElement({ title: 'Sales overview' });
    await expect.poll(log, PATIENCE).toEqual(['astrato-load']);
    // A second ticket would have been asked for before the load it leads to.
    await flushToIframe();
    expect(harness.ticketRequests()).toBe(ticketsBefore + 1);
    expect(await fetchesTo('/api/ticket')).toBe(1);
    expect(await page.locator('astrato-dashboard > iframe').getAttribute('title')).toBe('Sales overview');
    expect(await onElement('return element.dashboard.iframe === element.querySelector("iframe")')).toBe(true);
    expect(await onElement('return [element.embedUrl, element.ticketUrl]')).toEqual([`${harness.astratoUrl}/embed/demo`, '/api/ticket']);
    await expect.poll(() => frame().getByTestId('status').textContent(), PATIENCE).toBe('Signed in as ana@example.com');
  });

  it('applies a new filters property with setFilters, without a reload, and sends nothing for equal filters', async () => {
    await addElement({}, { filters: { 'Date Dim.Year': 2025 } });
    await expect.poll(applied, PATIENCE).toEqual([['Date Dim.Year', ['2025']]]);
    await markIframe();
    await onElement(`element.filters = { 'Date Dim.Year': 2025 }`);
    await onElement(`element.filters = { 'Date Dim.Year': 2026 }`);
    await expect.poll(applied, PATIENCE).toEqual([['Date Dim.Year', ['2026']]]);
    const marker = await flushToIframe();
    expect(await filterMessages()).toEqual([expect.stringContaining('2025'), expect.stringContaining('2026'), marker]);
    expect(await loads()).toBe(1);
    expect(await sameIframe()).toBe(true);
  });

  it('reloads on the same session for a new embed-url, variables or queryFilters, once for changes made together', async () => {
    const ticketsBefore = harness.ticketRequests();
    await addElement({}, { variables: { vTop: 10 } });
    await expect.poll(log, PATIENCE).toEqual(['astrato-load']);
    expect((await linkState()).variables).toEqual([['vTop', '10']]);
    await onElement(`element.variables = { vTop: 5 }; element.queryFilters = [{ table: 'Date Dim', field: 'Year', values: [2026] }];`);
    await expect.poll(loads, PATIENCE).toBe(2);
    expect(await linkState()).toMatchObject({ variables: [['vTop', '5']], queryFilters: [{ table: 'Date Dim', field: 'Year', values: ['2026'] }] });
    await onElement(`element.setAttribute('embed-url', '${harness.astratoUrl}/embed/other')`);
    await expect.poll(loads, PATIENCE).toBe(3);
    await expect.poll(() => frame().getByTestId('title').textContent(), PATIENCE).toContain('emulated embed other');
    // The property reflects the attribute.
    await onElement(`element.embedUrl = '${harness.astratoUrl}/embed/third'`);
    await expect.poll(loads, PATIENCE).toBe(4);
    await expect.poll(() => frame().getByTestId('title').textContent(), PATIENCE).toContain('emulated embed third');
    // A further reload would replace the iframe the marker goes to.
    await flushToIframe();
    expect(await loads()).toBe(4);
    expect(harness.ticketRequests()).toBe(ticketsBefore + 1);
    expect(await fetchesTo('/api/ticket')).toBe(1);
    expect(await iframes()).toBe(1);
  });

  it('dispatches astrato-error with the error as detail, for a failed ticket and for options it refuses', async () => {
    await addElement({ 'ticket-url': '/api/hostile/429' });
    await expect.poll(log, PATIENCE).toEqual(['astrato-error:RATE_LIMITED']);
    await onElement(`element.remove()`);
    await page.evaluate(() => ((window as unknown as Page).log.length = 0));
    await page.evaluate((astratoUrl) => {
      const element = document.createElement('astrato-dashboard');
      element.setAttribute('embed-url', `${astratoUrl}/embed/demo`);
      element.setAttribute('base-url', astratoUrl);
      element.setAttribute('ticket-url', '/api/ticket');
      element.setAttribute('timeout', 'soon');
      document.body.append(element);
    }, harness.astratoUrl);
    await expect.poll(log, PATIENCE).toEqual(['astrato-error:VALIDATION_ERROR']);
    expect(await fetchesTo('/api/ticket')).toBe(0);
  });

  it('dispatches astrato-message for a workbook message and astrato-session-recovered after a recovery', async () => {
    await addElement();
    await expect.poll(log, PATIENCE).toEqual(['astrato-load']);
    await astratoFrame().evaluate(() => parent.postMessage({ type: 'SHEET CHANGED', payload: 'Sales' }, '*'));
    await expect.poll(log, PATIENCE).toContain('astrato-message:{"type":"SHEET CHANGED","payload":"Sales"}');
    harness.emulator.endSessions();
    await expect.poll(log, PATIENCE).toContain('astrato-session-recovered');
    expect(await fetchesTo('/api/ticket')).toBe(2);
  });

  it('starts with a getTicket set right after the element is added, and calls the latest one', async () => {
    await page.addScriptTag({ content: script });
    await page.evaluate((astratoUrl) => {
      const w = window as unknown as Page;
      w.oemkitElement.defineAstratoDashboard();
      w.log = [];
      const ticket = (name: string) => async () => {
        w.log.push(name);
        return ((await (await fetch('/api/ticket', { method: 'POST' })).json()) as { ticketId: string }).ticketId;
      };
      const element = document.createElement('astrato-dashboard') as AstratoDashboardElement;
      element.setAttribute('embed-url', `${astratoUrl}/embed/demo`);
      element.baseUrl = astratoUrl;
      element.addEventListener('astrato-load', () => w.log.push('astrato-load'));
      document.body.append(element);
      element.getTicket = ticket('first getTicket');
      (w as unknown as { second: unknown }).second = ticket('second getTicket');
    }, harness.astratoUrl);
    await expect.poll(log, PATIENCE).toEqual(['first getTicket', 'astrato-load']);
    await onElement(`element.getTicket = window.second`);
    harness.emulator.endSessions();
    await expect.poll(log, PATIENCE).toEqual(['first getTicket', 'astrato-load', 'second getTicket', 'astrato-load']);
  });

  it('destroys its dashboard when removed: no iframe, no handle, nothing fetched after', async () => {
    await addElement();
    await expect.poll(log, PATIENCE).toEqual(['astrato-load']);
    await onElement(`window.removed = element; element.remove()`);
    await expect.poll(iframes, PATIENCE).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { removed: AstratoDashboardElement }).removed.dashboard)).toBeUndefined();
    // A live dashboard, the control, sees its session lost and fetches a ticket to recover: by the
    // time it has recovered, a dashboard the removal had left behind would have asked for one too.
    await embedControl();
    harness.emulator.endSessions();
    await expect.poll(controlEvents, PATIENCE).toEqual(['load', 'load', 'sessionRecovered']);
    // The element's one ticket, then the control's two.
    expect(await fetchesTo('/api/ticket')).toBe(1 + 2);
    expect(await log()).toEqual(['astrato-load']);
  });

  it('keeps its dashboard when moved: appendChild, or remove and add in one task, reload the iframe on the same session; moveBefore does not even reload', async () => {
    const ticketsBefore = harness.ticketRequests();
    await addElement();
    await expect.poll(log, PATIENCE).toEqual(['astrato-load']);
    await onElement(`window.handle = element.dashboard; document.getElementById('dashboard').appendChild(element)`);
    // Chromium reloads an iframe taken out of the document and put back: same session, no ticket.
    await expect.poll(loads, PATIENCE).toBe(2);
    expect(await onElement('return element.dashboard === window.handle && element.parentElement.id')).toBe('dashboard');
    // Out of the page for a moment (the stop is pending), back before the task ends: kept.
    await onElement(`element.remove(); document.body.append(element)`);
    await expect.poll(loads, PATIENCE).toBe(3);
    expect(await onElement('return element.dashboard === window.handle')).toBe(true);
    await markIframe();
    await onElement(`document.getElementById('dashboard').moveBefore(element, null)`);
    // A reloaded iframe would have a new window, which a marker posted to it now would never reach.
    await flushToIframe();
    expect(await loads()).toBe(3);
    expect(await sameIframe()).toBe(true);
    expect(await onElement('return element.dashboard === window.handle && element.parentElement.id')).toBe('dashboard');
    expect(harness.ticketRequests()).toBe(ticketsBefore + 1);
    expect(await fetchesTo('/api/ticket')).toBe(1);
    expect(await iframes()).toBe(1);
  });

  it('upgrades an element made before defineAstratoDashboard() with the properties a framework already set on it', async () => {
    await page.addScriptTag({ content: script });
    await page.evaluate((astratoUrl) => {
      const w = window as unknown as Page;
      w.log = [];
      // Not yet defined: these are plain properties of an HTMLElement, which shadow the class's own.
      const element = Object.assign(document.createElement('astrato-dashboard'), {
        embedUrl: `${astratoUrl}/embed/demo`,
        baseUrl: astratoUrl,
        variables: { vTop: 10 },
        filters: { 'Date Dim.Year': 2026 },
        getTicket: async () => ((await (await fetch('/api/ticket', { method: 'POST' })).json()) as { ticketId: string }).ticketId,
      });
      element.style.cssText = 'display:block;width:800px;height:500px';
      element.addEventListener('astrato-load', () => w.log.push('astrato-load'));
      document.body.append(element);
      w.oemkitElement.defineAstratoDashboard();
    }, harness.astratoUrl);
    await expect.poll(log, PATIENCE).toEqual(['astrato-load']);
    expect((await linkState()).variables).toEqual([['vTop', '10']]);
    await expect.poll(applied, PATIENCE).toEqual([['Date Dim.Year', ['2026']]]);
    expect(await onElement(`return [element.getAttribute('embed-url'), element.getAttribute('base-url')]`)).toEqual([`${harness.astratoUrl}/embed/demo`, harness.astratoUrl]);
    expect(await onElement(`return ['embedUrl', 'baseUrl', 'variables', 'filters', 'getTicket'].filter((name) => Object.hasOwn(element, name))`)).toEqual([]);
    // The properties are the element's from now on: a new value is applied.
    await onElement(`element.filters = { 'Date Dim.Year': 2025 }`);
    await expect.poll(applied, PATIENCE).toEqual([['Date Dim.Year', ['2025']]]);
  });

  it('manages exactly one iframe, its own, after innerHTML = innerHTML or cloneNode(true), with no inline style a strict CSP refuses', async () => {
    await page.addScriptTag({ content: script });
    await page.evaluate((astratoUrl) => {
      const w = window as unknown as Page & { violations: string[] };
      w.log = [];
      w.violations = [];
      w.oemkitElement.defineAstratoDashboard();
      document.addEventListener('astrato-load', () => w.log.push('astrato-load'));
      // A policy as strict as a production host's: no style attribute may be parsed, so the host
      // sizes the element from a style sheet.
      document.addEventListener('securitypolicyviolation', (event) => w.violations.push(`${event.effectiveDirective}: ${(event.target as Element).outerHTML}`));
      document.head.append(
        Object.assign(document.createElement('meta'), { httpEquiv: 'Content-Security-Policy', content: "style-src-attr 'none'" }),
        Object.assign(document.createElement('style'), { textContent: 'astrato-dashboard{display:block;width:800px;height:500px}' }),
      );
      const wrapper = Object.assign(document.createElement('div'), { id: 'wrapper' });
      wrapper.innerHTML = `<astrato-dashboard embed-url="${astratoUrl}/embed/demo" base-url="${astratoUrl}" ticket-url="/api/ticket"></astrato-dashboard>`;
      document.body.append(wrapper);
    }, harness.astratoUrl);
    await expect.poll(log, PATIENCE).toEqual(['astrato-load']);
    // What htmx, Turbo and morphing libraries do: the element is parsed again from its own HTML.
    await page.evaluate(() => {
      const wrapper = document.getElementById('wrapper')!;
      wrapper.innerHTML = wrapper.innerHTML;
    });
    await expect.poll(loads, PATIENCE).toBe(2);
    const own = (selector: string) =>
      page.evaluate((which) => {
        const element = document.querySelector(which) as AstratoDashboardElement;
        const inside = [...element.querySelectorAll('iframe')];
        return inside.length === 1 && inside[0] === element.dashboard?.iframe;
      }, selector);
    expect(await own('#wrapper astrato-dashboard')).toBe(true);
    await page.evaluate(() => {
      const clone = document.querySelector('#wrapper astrato-dashboard')!.cloneNode(true) as HTMLElement;
      clone.id = 'clone';
      document.body.append(clone);
    });
    await expect.poll(loads, PATIENCE).toBe(3);
    expect(await own('#clone')).toBe(true);
    expect(await own('#wrapper astrato-dashboard')).toBe(true);
    expect(await iframes()).toBe(2);
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
  });

  it('leaves the iframe of an element nested inside it alone when both are moved', async () => {
    await page.addScriptTag({ content: script });
    await page.evaluate((astratoUrl) => {
      const w = window as unknown as Page;
      w.log = [];
      w.oemkitElement.defineAstratoDashboard();
      document.addEventListener('astrato-load', (event) => w.log.push(`load:${(event.target as Element).id}`));
      const attributes = `embed-url="${astratoUrl}/embed/demo" base-url="${astratoUrl}" ticket-url="/api/ticket" style="display:block;width:800px;height:500px"`;
      document.body.insertAdjacentHTML('beforeend', `<astrato-dashboard id="outer" ${attributes}><astrato-dashboard id="inner" ${attributes}></astrato-dashboard></astrato-dashboard>`);
    }, harness.astratoUrl);
    await expect.poll(async () => (await log()).sort(), PATIENCE).toEqual(['load:inner', 'load:outer']);
    // Moved together: each iframe reloads on its session, and each element still shows its own.
    await page.evaluate(() => document.getElementById('dashboard')!.append(document.getElementById('outer')!));
    await expect.poll(async () => (await log()).length, PATIENCE).toBe(4);
    const own = (id: string) =>
      page.evaluate((which) => {
        const element = document.getElementById(which) as AstratoDashboardElement;
        return !!element.dashboard?.iframe?.isConnected && element.dashboard.iframe.parentElement === element;
      }, id);
    expect(await own('outer')).toBe(true);
    expect(await own('inner')).toBe(true);
    expect(await iframes()).toBe(2);
  });

  it('registers once: a second definition returns the same class, another tag name gets its own', async () => {
    await page.addScriptTag({ content: script });
    const answers = await page.evaluate(() => {
      const { defineAstratoDashboard } = (window as unknown as Page).oemkitElement;
      const first = defineAstratoDashboard();
      const second = defineAstratoDashboard();
      const other = defineAstratoDashboard('acme-dashboard');
      return [first === second, first === customElements.get('astrato-dashboard'), other !== first, other === customElements.get('acme-dashboard')];
    });
    expect(answers).toEqual([true, true, true, true]);
  });
});
