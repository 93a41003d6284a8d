/**
 * Dashboards in a tab of the cross-site browser, each named by an id that is also its embed link's
 * short id (`/embed/<id>`), so the emulator's call log tells which dashboard each embed-page load
 * was and whose session it carried. Every event lands in the tab's `window.events` as
 * `<id>:load`, `<id>:sessionRecovered` or `<id>:error:<code>:<message>`, and `ready`'s outcome as
 * `<id>:ready` or `<id>:ready:<code>`.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { EmbedOptions } from '../../src/index.js';

// The machine is shared by several engineers: a load, a redemption or a recovery may take seconds.
export const PATIENCE = { timeout: 15_000 };

type PageGlobals = {
  oemkit: typeof import('../../src/index.js');
  boards: Record<string, { destroy(): void; reload(): void; retry(): void }>;
  events: string[];
  fetched: string[];
  /** When each dashboard's iframe first left its container (ms since the epoch, as the emulator's clock reads it). */
  removedAt: Record<string, number>;
};

/** Options a test may add: serializable ones only, as they cross into the page. */
export type MountOptions = Partial<Pick<EmbedOptions, 'ticketUrl' | 'recoveryDelay'>> & { initialTicket?: string | { ticketId?: string; sessionKey?: string } };

/** Mounts one dashboard per id, all in one task (so they start together), each in a container of its own. */
export async function mount(page: Page, astratoUrl: string, ids: string[], options: MountOptions = {}): Promise<void> {
  await page.evaluate(
    ([astrato, names, extra]) => {
      const w = window as unknown as PageGlobals;
      w.boards ??= {};
      w.removedAt ??= {};
      for (const id of names) {
        const container = document.getElementById(`box-${id}`) ?? document.body.appendChild(Object.assign(document.createElement('div'), { id: `box-${id}` }));
        // Noted in the mutation's own microtask: what a test compares with the emulator's log of the request that followed.
        new MutationObserver((records) => {
          if (records.some((record) => [...record.removedNodes].some((node) => node.nodeName === 'IFRAME'))) w.removedAt[id] ??= performance.timeOrigin + performance.now();
        }).observe(container, { childList: true });
        const dashboard = w.oemkit.embedDashboard({ container, embedUrl: `${astrato}/embed/${id}`, baseUrl: astrato, ticketUrl: '/api/ticket', ...extra } as Parameters<typeof w.oemkit.embedDashboard>[0]);
        for (const event of ['load', 'sessionRecovered', 'error'] as const) {
          dashboard.on(event, (error?: { code: string; message: string }) => w.events.push(error ? `${id}:${event}:${error.code}:${error.message}` : `${id}:${event}`));
        }
        dashboard.ready.then(
          () => w.events.push(`${id}:ready`),
          (error: { code: string }) => w.events.push(`${id}:ready:${error.code}`),
        );
        w.boards[id] = dashboard;
      }
    },
    [astratoUrl, ids, options] as const,
  );
}

/** Runs `dashboard.<method>()` on the dashboard `id` of the tab. */
export const callBoard = (page: Page, id: string, method: 'destroy' | 'reload' | 'retry') =>
  page.evaluate(([name, m]) => (window as unknown as PageGlobals).boards[name]![m](), [id, method] as const);

export const events = (page: Page) => page.evaluate(() => (window as unknown as PageGlobals).events);

/** What the dashboard `id`'s iframe says about its session (`Signed in as ...`), or `null` without an iframe. */
export const statusOf = async (page: Page, id: string) =>
  (await page.locator(`#box-${id} iframe`).count()) === 0 ? null : page.frameLocator(`#box-${id} iframe`).getByTestId('status').textContent();

/** Waits until every dashboard `ids` of the tab shows `email`'s session. */
export async function showing(page: Page, ids: string[], email: string): Promise<void> {
  for (const id of ids) await expect.poll(() => statusOf(page, id), PATIENCE).toBe(`Signed in as ${email}`);
}

/** How many iframes the dashboard `id` has in its container. */
export const iframesOf = (page: Page, id: string) => page.locator(`#box-${id} iframe`).count();

/** How many fetches the tab has made so far to URLs containing `part`, counted as each call is made. */
export const fetchesTo = (page: Page, part: string) => page.evaluate((text) => (window as unknown as PageGlobals).fetched.filter((url) => url.includes(text)).length, part);

/** What the page remembers for the Astrato origin, as the design stores it: `{ k, g }`, or null. */
export const rememberedSession = (page: Page, astratoUrl: string) =>
  page.evaluate((origin) => JSON.parse(localStorage.getItem(`oemkit:session:${origin}`) ?? 'null') as { k: string; g: number } | null, astratoUrl);

/** When the dashboard `id`'s iframe first left the page (ms since the epoch), or undefined. */
export const iframeRemovedAt = (page: Page, id: string) => page.evaluate((name) => (window as unknown as PageGlobals).removedAt[name], id);
