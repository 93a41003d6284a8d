/**
 * The lifecycle the session-model test files share: one harness per file (Astrato's emulator on
 * https with a `SameSite=None; Secure` session cookie), a fresh cross-site browser profile per test
 * (its tabs share localStorage, Web Locks and cookies, as a user's do), and the witnesses' mark at
 * the start of each test. The exported bindings are live: they hold the current test's.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { openCrossSiteBrowser, type CrossSiteBrowser } from './cross-site-browser.js';
import { startHarness, type Harness } from './host-harness.js';
import { HOST_USERS } from './host-users.js';
import { markNow, witnessedSince, type Mark } from './session-witness.js';
import { events, mount, PATIENCE, showing, type MountOptions } from './tab-dashboards.js';

export const ANA = HOST_USERS.ana.email;
export const BOB = HOST_USERS.bob.email;

export let harness: Harness;
export let browser: CrossSiteBrowser;
/** Where the witnesses stood when the test began. */
export let start: Mark;

/** Registers the hooks; call once at the top of a test file. */
export function useSessionBrowser(): void {
  beforeAll(async () => {
    harness = await startHarness({ sessionCookie: { sameSite: 'None', secure: true } }, { https: true });
  });
  afterAll(async () => harness?.close());
  beforeEach(async () => {
    browser = await openCrossSiteBrowser(harness);
    start = markNow(harness);
  });
  afterEach(async () => browser?.close());
}

/** Mounts `ids` in `tab` and waits until each shows `email`'s session. */
export async function embedAndWait(tab: Page, ids: string[], email: string = ANA, options: MountOptions = {}): Promise<void> {
  await mount(tab, browser.astratoUrl, ids, options);
  await showing(tab, ids, email);
}

/** Waits until the tab's events include `event`. */
export const eventSeen = (tab: Page, event: string | RegExp) =>
  expect.poll(async () => (await events(tab)).some((e) => (typeof event === 'string' ? e === event : event.test(e))), PATIENCE).toBe(true);

/** The key the host's server gave the page with the test's first ticket. */
export const firstKey = () => witnessedSince(harness, start).ticketCalls[0]!.answer.sessionKey as string;
