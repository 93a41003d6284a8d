/**
 * The lifecycle and helpers every Chromium test file shares: one browser and one harness per file,
 * a fresh context with the host page per test, and `embed()` to put a dashboard in it. The
 * exported bindings are live: they hold the current test's browser, harness, context and page.
 */
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchChromium } from '@oemkit/test-support/chromium';
import type { AstratoEmulatorOptions } from '@oemkit/server/testing';
import { startHarness, type Harness } from './host-harness.js';

export let browser: Browser;
export let harness: Harness;
export let context: BrowserContext;
export let page: Page;

/** Registers the hooks; call once at the top of a test file. `emulatorOptions` add to the emulator's. */
export function useHostPage(emulatorOptions?: AstratoEmulatorOptions): void {
  beforeAll(async () => {
    [browser, harness] = await Promise.all([launchChromium(), startHarness(emulatorOptions)]);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });
  beforeEach(async () => {
    harness.emulator.blockSessionCookies = false;
    context = await browser.newContext();
    page = await context.newPage();
    await page.goto(harness.hostUrl);
  });
  afterEach(async () => context?.close());
}

/** Embeds the emulator's demo dashboard from the host page; events land in window.events. */
export async function embed(extra: Record<string, unknown> = {}, beforeReady = '') {
  await page.evaluate(
    ([astratoUrl, extraOptions, code]) => {
      const w = window as unknown as { oemkit: typeof import('../../src/index.js'); dashboard: unknown; events: string[] };
      const dashboard = w.oemkit.embedDashboard({ container: '#dashboard', embedUrl: `${astratoUrl}/embed/demo`, baseUrl: astratoUrl, ticketUrl: '/api/ticket', ...extraOptions });
      for (const event of ['load', 'sessionRecovered', 'error'] as const) {
        dashboard.on(event, (error?: { code: string }) => w.events.push(error ? `${event}:${error.code}` : event));
      }
      w.dashboard = dashboard;
      new Function('dashboard', code)(dashboard);
    },
    [harness.astratoUrl, extra, beforeReady] as const,
  );
}

export const events = () => page.evaluate(() => (window as unknown as { events: string[] }).events);
/** How many times the embedded dashboard has loaded so far, by its `load` events. */
export const loads = async () => (await events()).filter((event) => event === 'load').length;
/** How many fetches the page has made so far to URLs containing `part`, counted as each call is made. */
export const fetchesTo = (part: string) => page.evaluate((text) => (window as unknown as { fetched: string[] }).fetched.filter((url) => url.includes(text)).length, part);
export const dashboardFrame = () => page.frameLocator('#dashboard iframe');
export const applied = async () => JSON.parse((await dashboardFrame().getByTestId('applied-json').textContent()) ?? '[]') as [string, string[]][];
/** Runs `code` in the page with the embedded dashboard bound to `dashboard`. */
export const call = (code: string) => page.evaluate((source) => new Function('dashboard', source)((window as unknown as { dashboard: unknown }).dashboard), code);
export const astratoFrame = (): Frame => page.frames().find((frame) => frame.url().startsWith(harness.astratoUrl))!;
