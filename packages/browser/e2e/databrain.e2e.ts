/**
 * embedDataBrain in Chromium with DataBrain's real web component (`@databrainhq/plugin` 0.12.9,
 * the version on npm, loaded from node_modules) and a host backend on createGuestTokenHandler
 * against the DataBrain emulator.
 *
 * What could not be checked offline, and why (read from the plugin's build, dist/webcomponents.es.js):
 * - The component's data calls go to a base URL compiled into the build
 *   (`https://edetnvlrqissubqlrwbtvwx2ia0tqykw.lambda-url.us-east-1.on.aws/api/v2`, the token in an
 *   `X-Plugin-Token` header). No attribute or option changes it, so it cannot be pointed at the
 *   emulator, whose data route is a stand-in anyway. These tests intercept those calls in the
 *   browser, check the token each carries, and answer them with DataBrain's error shape.
 * - 0.12.9 has no `handle-server-event` attribute and never sends `TOKEN_EXPIRED`: both are from
 *   DataBrain's current docs and demos (see docs/databrain.md). The tests call the handler the
 *   attribute names, as a component that implements it would. Whether the real component calls it
 *   with `{ type: 'TOKEN_EXPIRED' }` is not checked.
 * - What a DataBrain dashboard renders with a valid token (no data can reach it here).
 */
import type { Browser, BrowserContext, Page, Request as PageRequest } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '@oemkit/test-support/chromium';
import { EXPIRY_TIME, startDataBrainHarness, type DataBrainHarness } from './support/databrain-harness.js';

// Where 0.12.9 sends every data call, compiled into its build.
const DATABRAIN_API = 'https://edetnvlrqissubqlrwbtvwx2ia0tqykw.lambda-url.us-east-1.on.aws/api/v2';

let browser: Browser;
let harness: DataBrainHarness;
let context: BrowserContext;
let page: Page;
/** The component's calls to DataBrain's API, with the token each carried. */
let apiCalls: { url: string; token: string | undefined }[];
/** Anything else the page tried to reach off this machine (the plugin's web font). */
let offMachine: string[];

beforeAll(async () => {
  [browser, harness] = await Promise.all([launchChromium(), startDataBrainHarness()]);
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});
beforeEach(async () => {
  apiCalls = [];
  offMachine = [];
  context = await browser.newContext();
  // Nothing leaves the machine: DataBrain's API is answered here, the rest refused.
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route, request: PageRequest) => {
      if (!request.url().startsWith(DATABRAIN_API)) return (offMachine.push(request.url()), route.abort());
      apiCalls.push({ url: request.url(), token: request.headers()['x-plugin-token'] });
      return route.fulfill({ json: { error: { message: 'DataBrain is not reachable from this test' } } });
    },
  );
  page = await context.newPage();
});
afterEach(async () => context?.close());

/** Loads the host page with the page's clock paused, so that timers run only when the test says. */
async function openWithPausedClock() {
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1_000);
  await page.goto(harness.hostUrl);
}

/** Embeds the sales dashboard and waits for `ready`; `token` events are counted in window.events. */
async function embed(options: Record<string, unknown> = {}) {
  await page.evaluate(async (extra) => {
    const w = window as unknown as { oemkitDataBrain: typeof import('../src/databrain.js'); analytics: unknown; events: string[] };
    const analytics = w.oemkitDataBrain.embedDataBrain({ container: '#analytics', dashboardId: 'sales-dashboard', tokenUrl: '/api/databrain-token', ...extra });
    analytics.on('token', () => w.events.push('token'));
    analytics.on('error', (error) => w.events.push(`error:${error.code}`));
    w.analytics = analytics;
    await analytics.ready;
  }, options);
}

const tokenAttribute = () => page.locator('#analytics dbn-dashboard').getAttribute('token');
const handlerName = () => page.locator('#analytics dbn-dashboard').getAttribute('handle-server-event');
const tokenRequests = () => page.evaluate(() => (window as unknown as { fetched: string[] }).fetched.filter((url) => url.includes('/api/databrain-token')).length);
const minted = () => harness.emulator.tokens().map(({ token }) => token);
/** Calls the global handler the component's attribute names with each event in turn, in one task, as DataBrain calls it. */
const serverEvents = async (...events: unknown[]) =>
  page.evaluate(
    ([name, values]) => values.forEach((value) => (window as unknown as Record<string, (event: unknown) => void>)[name!]!(value)),
    [await handlerName(), events] as const,
  );

describe('embedDataBrain with DataBrain’s web component', () => {
  it('mounts <dbn-dashboard> with the minted token, which the component sends on its first call', async () => {
    await page.goto(harness.hostUrl);
    const before = minted().length;
    await embed();
    expect(await page.evaluate(() => !!customElements.get('dbn-dashboard') && !!customElements.get('dbn-metric'))).toBe(true);
    const token = minted()[before];
    expect(await tokenAttribute()).toBe(token);
    expect(await page.locator('#analytics dbn-dashboard').getAttribute('dashboard-id')).toBe('sales-dashboard');
    // The component rendered (its shadow root) and asked DataBrain for the dashboard with that token.
    expect(await page.evaluate(() => !!document.querySelector('dbn-dashboard')?.shadowRoot)).toBe(true);
    await expect.poll(() => apiCalls[0]).toEqual({ url: `${DATABRAIN_API}/dashboard?dashboardId=sales-dashboard`, token });
    // The element went into the page with its token: no call ever went without one.
    expect(apiCalls.every((call) => call.token === token)).toBe(true);
  });

  it('renews before expiry from the expiresIn the endpoint sends, on the same element', async () => {
    await openWithPausedClock();
    const before = minted().length;
    await embed({ renewBefore: 10_000 });
    const first = await tokenAttribute();
    const element = await page.locator('#analytics dbn-dashboard').elementHandle();
    // 60 s lifetime, renewed 10 s before its end.
    await page.clock.runFor(EXPIRY_TIME - 10_000 - 1);
    expect(await tokenRequests()).toBe(1);
    await page.clock.runFor(1);
    await expect.poll(tokenAttribute).not.toBe(first);
    expect(minted().length).toBe(before + 2);
    expect(await tokenAttribute()).toBe(minted().at(-1));
    expect(await element!.evaluate((node) => node.isConnected && document.querySelectorAll('dbn-dashboard').length === 1)).toBe(true);
  });

  it('renews once when DataBrain reports TOKEN_EXPIRED several times through the handler it names', async () => {
    await page.goto(harness.hostUrl);
    await embed();
    const first = await tokenAttribute();
    const before = minted().length;
    // As three failing calls of the component would report it, before the renewal has landed.
    await serverEvents({ type: 'TOKEN_EXPIRED' }, { type: 'TOKEN_EXPIRED' }, { type: 'TOKEN_EXPIRED' });
    // The page logs each fetch as it is made: the renewal's request is made by now, and only one.
    expect(await tokenRequests()).toBe(2);
    await expect.poll(() => page.evaluate(() => (window as unknown as { events: string[] }).events)).toEqual(['token', 'token']);
    expect(minted().length).toBe(before + 1);
    expect(await tokenAttribute()).not.toBe(first);
    expect(await tokenAttribute()).toBe(minted().at(-1));
    // The component took it as its prop (the property its attribute maps to). 0.12.9 keys its
    // dashboard query by dashboardId alone, so it does not ask again at once: the new token goes
    // with its next call (seen here: its retries of the refused first call keep the first token).
    expect(await page.locator('#analytics dbn-dashboard').evaluate((node) => (node as unknown as { token: string }).token)).toBe(minted().at(-1));
  });

  it('renews only on TOKEN_EXPIRED with an endpoint older than expiresIn', async () => {
    await openWithPausedClock();
    await embed({ tokenUrl: '/api/databrain-token-old' });
    const first = await tokenAttribute();
    await page.clock.runFor(10 * EXPIRY_TIME);
    expect(await tokenRequests()).toBe(1);
    await serverEvents({ type: 'TOKEN_EXPIRED' });
    await expect.poll(tokenAttribute).not.toBe(first);
    expect(await tokenRequests()).toBe(2);
  });

  it('serves a page written before expiresIn (it reads body.token) from today’s endpoint', async () => {
    await page.goto(harness.hostUrl);
    // The page docs/databrain.md showed before embedDataBrain: fetch, body.token, the attribute.
    const body = await page.evaluate(async () => {
      const answer = await (await fetch('/api/databrain-token', { method: 'POST', credentials: 'same-origin' })).json();
      const element = document.createElement('dbn-dashboard');
      element.setAttribute('dashboard-id', 'sales-dashboard');
      element.setAttribute('token', answer.token);
      document.querySelector('#analytics')!.appendChild(element);
      return answer as { token: string; expiresIn: number };
    });
    expect(body).toEqual({ token: minted().at(-1), expiresIn: EXPIRY_TIME });
    await expect.poll(() => apiCalls[0]?.token).toBe(body.token);
  });

  it('gives each mount its own handler, and on destroy removes the element, the handler and the timer', async () => {
    await openWithPausedClock();
    await embed();
    const name = await handlerName();
    await page.evaluate(() => {
      const second = document.createElement('div');
      second.id = 'second';
      document.body.appendChild(second);
    });
    await page.evaluate(async () => {
      const w = window as unknown as { oemkitDataBrain: typeof import('../src/databrain.js'); other: { ready: Promise<void> } };
      w.other = w.oemkitDataBrain.embedDataBrain({ container: '#second', metricId: 'revenue', tokenUrl: '/api/databrain-token-old' });
      await w.other.ready;
    });
    const other = await page.locator('#second dbn-metric').getAttribute('handle-server-event');
    expect(other).not.toBe(name);
    await page.evaluate(() => (window as unknown as { analytics: { destroy(): void } }).analytics.destroy());
    expect(await page.evaluate((handler) => handler! in window, name)).toBe(false);
    expect(await page.evaluate((handler) => typeof (window as unknown as Record<string, unknown>)[handler!], other)).toBe('function');
    expect(await page.locator('dbn-dashboard').count()).toBe(0);
    const requests = await tokenRequests();
    // Past the destroyed mount's renewal time: nothing more is asked.
    await page.clock.runFor(EXPIRY_TIME);
    expect(await tokenRequests()).toBe(requests);
  });
});
