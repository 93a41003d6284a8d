/**
 * The session model's races between tabs, each run several times because it is a race:
 *
 * - One ticket per browser when two tabs hear of a lost session at the same moment: the two
 *   recoveries meet at the Web Lock, and the second must find the session the first made. One run
 *   in a few lost it when this was written (the second tab, granted the lock, minted a second
 *   ticket after the first redemption had answered: it read localStorage before the first tab's
 *   write had reached its process).
 * - Another user's redemption in one tab: the other tab's dashboard must leave the page before
 *   the new user's cookie arrives, or its iframe could make a request with that session. It lost
 *   by a few ms in one run when this was written (the storage event arrives after the redemption
 *   on loopback).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ANA, BOB, browser, harness, useSessionBrowser } from './support/session-browser.js';
import { markNow, witnessedSince } from './support/session-witness.js';
import { iframeRemovedAt, mount, PATIENCE, showing } from './support/tab-dashboards.js';

useSessionBrowser();

/** Has the embed page in `tab`'s dashboard `id` report a lost session now, as Astrato's does at its next API call. */
const reportLost = (tab: Page, id: string) =>
  tab.frameLocator(`#box-${id} iframe`).locator('body').evaluate(() => parent.postMessage({ type: 'Astrato', message: '401Error' }, '*'));

describe('the session model in Chromium, two tabs recovering at once', () => {
  it('recovers with exactly 1 ticket when both tabs hear of the lost session at the same moment', { repeats: 5 }, async () => {
    const [tabA, tabB] = [await browser.openTab(), await browser.openTab()];
    // As on an https host: the cross-tab lock exists.
    expect(await tabA.evaluate(() => isSecureContext && 'locks' in navigator)).toBe(true);
    await mount(tabA, browser.astratoUrl, ['a1']);
    await showing(tabA, ['a1'], ANA);
    await mount(tabB, browser.astratoUrl, ['b1']);
    await showing(tabB, ['b1'], ANA);
    const before = markNow(harness);
    harness.emulator.endSessions();
    await Promise.all([reportLost(tabA, 'a1'), reportLost(tabB, 'b1')]);
    for (const id of ['a1', 'b1']) await expect.poll(() => witnessedSince(harness, before).embedLoads.includes(`${id} ${ANA}`), PATIENCE).toBe(true);
    expect(witnessedSince(harness, before)).toMatchObject({ minted: 1, redemptions: 1 });
  });

  it('removes the first user’s iframe in another tab before the next user’s redemption answers', { repeats: 5 }, async () => {
    const [tabA, tabB] = [await browser.openTab(), await browser.openTab()];
    await mount(tabA, browser.astratoUrl, ['tab-a']);
    await showing(tabA, ['tab-a'], ANA);
    await tabB.evaluate(() => (document.cookie = 'host_user=bob; path=/'));
    await mount(tabB, browser.astratoUrl, ['tab-b']);
    await showing(tabB, ['tab-b'], BOB);
    const bobRedeemed = harness.emulator.calls.findLast((call) => call.path.startsWith('/auth/proxy/oem/ticket/'))!;
    // Both clocks are this machine's; 1 ms for rounding.
    await expect.poll(() => iframeRemovedAt(tabA, 'tab-a'), PATIENCE).toBeDefined();
    expect(await iframeRemovedAt(tabA, 'tab-a')).toBeLessThanOrEqual(bobRedeemed.at + 1);
  });
});
