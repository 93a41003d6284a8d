/**
 * A browser with the host and Astrato on different sites, as in every real deployment: the host
 * page on http://host.test:<port>, the emulator on https://astrato.test:<port> (both resolved to
 * 127.0.0.1 by Chromium's host resolver rules; the emulator's certificate is self-signed, so
 * Chromium is told to accept it). It runs a profile of its own that allows third-party cookies, as
 * Chrome's default profile does (Playwright's `newContext()` is an incognito one, which blocks them
 * whatever the test means to show); each tab may block them (`blockThirdPartyCookies`).
 *
 * One profile is one browser: its tabs share localStorage, Web Locks and cookies, as a user's do.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '@oemkit/test-support/chromium';
import type { Harness } from './host-harness.js';

const RESOLVER = '--host-resolver-rules=MAP host.test 127.0.0.1, MAP astrato.test 127.0.0.1';

export interface CrossSiteBrowser {
  context: BrowserContext;
  /** The host page's origin, on host.test. */
  hostUrl: string;
  /** The emulator's origin, on astrato.test. */
  astratoUrl: string;
  /** A new tab with the host page open (`path` on the host, `/` unless said): a secure context, as an https host's page is. */
  openTab(path?: string): Promise<Page>;
  close(): Promise<void>;
}

/** Launches a fresh profile (a browser with no history) against `harness`, whose emulator listens on https. */
export async function openCrossSiteBrowser(harness: Harness): Promise<CrossSiteBrowser> {
  const hostUrl = harness.hostUrl.replace('127.0.0.1', 'host.test');
  const astratoUrl = harness.astratoUrl.replace('127.0.0.1', 'astrato.test');
  const profile = mkdtempSync(join(tmpdir(), 'oemkit-cross-site-'));
  mkdirSync(join(profile, 'Default'));
  // Third-party cookies allowed, as in Chrome's default profile (0; 1 blocks them in incognito only).
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    ignoreHTTPSErrors: true,
    // The host is served over http on a name that is not localhost; a real host is https. Treated
    // as secure, the page has what it has in production: Web Locks (the session's cross-tab lock)
    // exist only in secure contexts.
    args: [...CHROMIUM_ARGS, RESOLVER, '--ignore-certificate-errors', `--unsafely-treat-insecure-origin-as-secure=${hostUrl}`],
  });
  return {
    context,
    hostUrl,
    astratoUrl,
    async openTab(path = '/') {
      const page = await context.newPage();
      await page.goto(`${hostUrl}${path}`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Blocks third-party cookies in `page` as Chrome does when a user turns them off (and as its
 * third-party cookie phase-out would): DevTools' `Network.setCookieControls`, with none of the
 * exceptions (metadata grants, heuristics) that could let one through. The profile's
 * `cookie_controls_mode` 2 is not honoured by this headless Chromium 156: the cookie was still
 * sent (measured).
 */
export async function blockThirdPartyCookies(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // Not in playwright-core's protocol types yet.
  const send = cdp.send.bind(cdp) as (method: string, params: object) => Promise<unknown>;
  await send('Network.setCookieControls', { enableThirdPartyCookieRestriction: true, disableThirdPartyCookieMetadata: true, disableThirdPartyCookieHeuristics: true });
}
