/**
 * One ticket per browser when two tabs hear of a lost session at the same moment, repeated: the
 * two recoveries meet at the Web Lock, and the second must find the session the first made. It
 * runs the race several times because it is a race: one run in a few lost it when this was written
 * (the second tab, granted the lock, read localStorage before the first tab's write had reached
 * its process, and minted a second ticket).
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openCrossSiteBrowser, type CrossSiteBrowser } from './support/cross-site-browser.js';
import { startHarness, type Harness } from './support/host-harness.js';
import { markNow, witnessedSince } from './support/session-witness.js';
import { mount, PATIENCE, showing } from './support/tab-dashboards.js';

const ANA = 'ana@example.com';

let harness: Harness;
let browser: CrossSiteBrowser;

beforeAll(async () => {
  harness = await startHarness({ sessionCookie: { sameSite: 'None', secure: true } }, { https: true });
});
afterAll(async () => harness?.close());
beforeEach(async () => {
  browser = await openCrossSiteBrowser(harness);
});
afterEach(async () => browser?.close());

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
});
