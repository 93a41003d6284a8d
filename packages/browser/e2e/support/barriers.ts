/**
 * Barriers for tests that prove something did NOT happen. Instead of waiting a fixed time (which
 * misses a late event on a busy machine and slows every run), each waits for an event that must
 * come after the one that must not, then the test asserts that nothing else happened:
 *
 * - `flushToFrame`: a marker posted into a dashboard's iframe the way a dashboard posts to it.
 *   Messages between two windows arrive in the order they were posted, so once the marker is in,
 *   every message posted before it is too; and the iframe is still the one it was posted to.
 * - `receivedFrom`: the host page's own record of every message it received (`window.received`). One
 *   message event reaches all listeners in one dispatch, so once it is recorded, the dashboard's
 *   listener has had it as well.
 * - `embedControl`: a second, live dashboard. Its recovery from the same lost session, with the
 *   same recovery delay, comes after the one a dashboard under test would have started.
 */
import type { Frame } from 'playwright-core';
import { expect } from 'vitest';
import { harness, page } from './host-page.js';

// The machine is shared: a load, or a recovery, may take seconds.
const PATIENCE = { timeout: 10_000 };

let markers = 0;

/**
 * Posts a DYNAMIC FILTERING marker from the host page into the iframe at `selector` (on the
 * Astrato origin) and waits until that iframe's page has logged it; returns the logged line. Its
 * one instruction has an empty field, so it applies no filter.
 *
 * @example
 * ```ts
 * const marker = await flushToFrame('#react-root iframe');
 * expect(await filterMessages()).toEqual([expect.stringContaining('2026'), marker]);
 * ```
 */
export async function flushToFrame(selector: string): Promise<string> {
  const payload = `|barrier ${++markers}`;
  await page.evaluate(
    ([target, data, origin]) => document.querySelector<HTMLIFrameElement>(target)!.contentWindow!.postMessage({ type: 'DYNAMIC FILTERING', payload: data }, origin),
    [selector, payload, harness.astratoUrl] as const,
  );
  const line = `${harness.hostUrl} ${JSON.stringify(payload)}`;
  const log = async () => ((await page.frameLocator(selector).getByTestId('events').textContent()) ?? '').split('\n');
  await expect.poll(log, PATIENCE).toContain(line);
  return line;
}

/**
 * The messages the host page has received so far from `origin`, each as posted.
 *
 * @example
 * ```ts
 * await expect.poll(() => receivedFrom(harness.foreignUrl)).toHaveLength(2);
 * ```
 */
export const receivedFrom = (origin: string) =>
  page.evaluate((from) => (window as unknown as { received: [string, unknown][] }).received.filter(([sent]) => sent === from).map(([, data]) => data), origin);

/** The control dashboard's `load`, `sessionRecovered` and `error:CODE` events so far. */
export const controlEvents = () => page.evaluate(() => [...(window as unknown as { controlEvents: string[] }).controlEvents]);

/** The control dashboard's iframe, to post from it as Astrato would. */
export const controlFrame = async (): Promise<Frame> => (await (await page.$('#control iframe'))!.contentFrame())!;

/**
 * Embeds a second dashboard, the control, in a new `#control` container with the same defaults
 * (ticket endpoint, heartbeat, recovery delay) as the one under test, and waits for its first load.
 * A test that proves a dashboard did not recover waits for the control to recover instead.
 *
 * @example
 * ```ts
 * await embedControl();
 * harness.emulator.endSessions();
 * await expect.poll(controlEvents).toContain('sessionRecovered');
 * ```
 */
export async function embedControl(): Promise<void> {
  await page.evaluate((astratoUrl) => {
    const w = window as unknown as { oemkit: typeof import('../../src/index.js'); controlEvents: string[] };
    const container = Object.assign(document.createElement('div'), { id: 'control' });
    container.style.cssText = 'width:400px;height:300px';
    document.body.append(container);
    w.controlEvents = [];
    const control = w.oemkit.embedDashboard({ container, embedUrl: `${astratoUrl}/embed/control`, baseUrl: astratoUrl, ticketUrl: '/api/ticket' });
    for (const event of ['load', 'sessionRecovered', 'error'] as const) {
      control.on(event, (error?: { code: string }) => w.controlEvents.push(error ? `${event}:${error.code}` : event));
    }
  }, harness.astratoUrl);
  await expect.poll(controlEvents, PATIENCE).toEqual(['load']);
}
