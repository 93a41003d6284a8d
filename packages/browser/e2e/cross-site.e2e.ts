/**
 * The host and Astrato on different sites, as in every real deployment: the host page on
 * http://host.test:<port>, the emulator on https://astrato.test:<port>, in a browser profile of its
 * own that allows third-party cookies as Chrome's default profile does (support/cross-site-browser.ts),
 * blocking them where the test says so.
 *
 * The witness is the emulator's call log: the user whose session each embed-page load carried.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { AstratoEmulatorOptions } from '@oemkit/server/testing';
import { blockThirdPartyCookies, openCrossSiteBrowser, type CrossSiteBrowser } from './support/cross-site-browser.js';
import { startHarness, type Harness } from './support/host-harness.js';

type ThirdPartyCookies = 'allowed' | 'blocked';
type SessionCookie = NonNullable<AstratoEmulatorOptions['sessionCookie']>;

let harness: Harness | undefined;
let browser: CrossSiteBrowser | undefined;

afterEach(async () => {
  await browser?.close();
  await harness?.close();
  harness = browser = undefined;
});

/** The harness with Astrato on https and its `cookie`, and a host page open in a browser whose third-party cookies are as said. */
async function crossSite(cookie: SessionCookie, thirdPartyCookies: ThirdPartyCookies) {
  harness = await startHarness({ sessionCookie: cookie }, { https: true });
  browser = await openCrossSiteBrowser(harness);
  const { context, hostUrl, astratoUrl } = browser;
  const page = await context.newPage();
  if (thirdPartyCookies === 'blocked') await blockThirdPartyCookies(context, page);
  await page.goto(hostUrl);
  return { page, hostUrl, astratoUrl };
}

/** Embeds the demo dashboard from the host page; each event lands in window.events, an error with its code and message. */
async function embed(page: Page, astratoUrl: string) {
  await page.evaluate((astrato) => {
    const w = window as unknown as { oemkit: typeof import('../src/index.js'); events: string[] };
    const dashboard = w.oemkit.embedDashboard({ container: '#dashboard', embedUrl: `${astrato}/embed/demo`, baseUrl: astrato, ticketUrl: '/api/ticket' });
    for (const event of ['load', 'sessionRecovered', 'error'] as const) {
      dashboard.on(event, (error?: { code: string; message: string }) => w.events.push(error ? `${event}:${error.code}:${error.message}` : event));
    }
  }, astratoUrl);
}

const events = (page: Page) => page.evaluate(() => (window as unknown as { events: string[] }).events);
/** The user each embed-page load carried a session for, in order; undefined for a load without one. */
const embedLoads = () => harness!.emulator.calls.filter((call) => call.path === '/embed/demo').map((call) => call.user);

describe('an embedded dashboard with the host and Astrato on different sites, in Chromium', () => {
  it('loads signed in with a SameSite=None; Secure cookie while third-party cookies are allowed', async () => {
    const { page, astratoUrl } = await crossSite({ sameSite: 'None', secure: true }, 'allowed');
    await embed(page, astratoUrl);
    await expect.poll(() => page.frameLocator('#dashboard iframe').getByTestId('status').textContent(), { timeout: 15_000 }).toBe('Signed in as ana@example.com');
    expect(await events(page)).toEqual(['load']);
    expect(embedLoads()).toEqual(['ana@example.com']);
  });

  it('loads signed in with a SameSite=None; Secure; Partitioned cookie while third-party cookies are blocked: the iframe shares the host’s partition', async () => {
    const { page, astratoUrl } = await crossSite({ sameSite: 'None', secure: true, partitioned: true }, 'blocked');
    await embed(page, astratoUrl);
    await expect.poll(() => page.frameLocator('#dashboard iframe').getByTestId('status').textContent(), { timeout: 15_000 }).toBe('Signed in as ana@example.com');
    expect(await events(page)).toEqual(['load']);
    expect(embedLoads()).toEqual(['ana@example.com']);
  });

  it('ends in one SessionRecoveryError after one recovery when third-party cookies are blocked and the cookie is not partitioned, saying what the host can do', async () => {
    const { page, astratoUrl } = await crossSite({ sameSite: 'None', secure: true }, 'blocked');
    await embed(page, astratoUrl);
    await expect.poll(async () => (await events(page)).some((event) => event.startsWith('error:')), { timeout: 15_000 }).toBe(true);
    const all = await events(page);
    expect(all.filter((event) => event !== 'load')).toHaveLength(1);
    const [, code, message] = /^error:([A-Z_]+):(.*)$/.exec(all.find((event) => event.startsWith('error:'))!)!;
    expect(code).toBe('SESSION_RECOVERY_FAILED');
    expect(message).toMatch(/third-party cookies/);
    expect(message).toMatch(/Partitioned/);
    expect(message).toMatch(/top-level/);
    expect(message).toMatch(/same site/);
    // Both redemptions answered and set the cookie; the browser sent it to neither iframe load.
    expect(harness!.emulator.counts.ticketsRedeemed).toBe(2);
    expect(embedLoads()).toEqual([undefined, undefined]);
  });

  it('never sends a SameSite=Lax cookie to the cross-site iframe, even with third-party cookies allowed', async () => {
    const { page, astratoUrl } = await crossSite({ sameSite: 'Lax', secure: true }, 'allowed');
    await embed(page, astratoUrl);
    await expect.poll(async () => (await events(page)).some((event) => event.startsWith('error:SESSION_RECOVERY_FAILED')), { timeout: 15_000 }).toBe(true);
    expect(embedLoads()).toEqual([undefined, undefined]);
  });

  it('signs in first-party by a top-level redemption, which redirects into Astrato, with third-party cookies blocked', async () => {
    const { page, hostUrl, astratoUrl } = await crossSite({ sameSite: 'None', secure: true }, 'blocked');
    const { ticketId } = await page.evaluate(async (host) => (await fetch(`${host}/api/ticket`, { method: 'POST' })).json() as Promise<{ ticketId: string }>, hostUrl);
    await page.goto(`${astratoUrl}/auth/proxy/oem/ticket/${ticketId}?embed`);
    expect(page.url()).toBe(`${astratoUrl}/`);
    await expect.poll(() => page.locator('body').textContent()).toContain('Signed in as ana@example.com');
  });

  it('still embeds no session after a top-level redemption while third-party cookies are blocked: the first-party cookie stays first-party', async () => {
    const { page, hostUrl, astratoUrl } = await crossSite({ sameSite: 'None', secure: true }, 'blocked');
    const { ticketId } = await page.evaluate(async (host) => (await fetch(`${host}/api/ticket`, { method: 'POST' })).json() as Promise<{ ticketId: string }>, hostUrl);
    await page.goto(`${astratoUrl}/auth/proxy/oem/ticket/${ticketId}?embed`);
    await expect.poll(() => page.locator('body').textContent()).toContain('Signed in as ana@example.com');
    await page.goto(hostUrl);
    await embed(page, astratoUrl);
    await expect.poll(async () => (await events(page)).some((event) => event.startsWith('error:SESSION_RECOVERY_FAILED')), { timeout: 15_000 }).toBe(true);
    expect(embedLoads()).toEqual([undefined, undefined]);
  });
});
