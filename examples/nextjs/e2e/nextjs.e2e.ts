import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAstratoEmulator, type RunningEmulator } from '@oemkit/server/testing';
import { TICKET_LIFETIME } from '@oemkit/server';
import { launchChromium, watchPageProblems } from '@oemkit/test-support/chromium';
import { appDirectory, buildApp, groupAlive, startApp, stopAllNext, type StartedApp } from './next-app.js';

// A secret no other file could hold by chance, so finding it anywhere means it leaked.
const clientSecret = `nextjs-e2e-secret-${crypto.randomUUID()}`;
// The tenant's clock, which a test moves on to let a ticket expire between render and redemption.
let clockAhead = 0;
const emulator = createAstratoEmulator({
  clientSecret,
  dashboards: { 'sales-overview': 'Sales overview' },
  workbook: { reportSelection: 'BAR SELECTED' },
  now: () => Date.now() + clockAhead,
});
let astrato: RunningEmulator;
let app: StartedApp;
let browser: Browser;
let buildSeconds: number;

beforeAll(async () => {
  [astrato, browser] = await Promise.all([emulator.listen(), launchChromium()]);
  const env = {
    ASTRATO_URL: astrato.url,
    ASTRATO_CLIENT_ID: emulator.clientId,
    ASTRATO_CLIENT_SECRET: clientSecret,
    ASTRATO_EMBED_LINK: `${astrato.url}/embed/sales-overview`,
  };
  // Built with the secret in its environment, as a careless CI would: it must still stay out of
  // the client bundle. (The app reads its configuration per request, so the build needs none.)
  buildSeconds = (await buildApp(env)).milliseconds / 1000;
  app = await startApp(env);
  // next build takes 15 to 20 s on an idle 2-core machine, minutes on one shared with other work.
}, 600_000);

afterAll(async () => {
  // Every next process, including a build that the hook's timeout cut short.
  await Promise.all([stopAllNext(), browser?.close(), astrato?.close()]);
});

/** Every file under a folder, recursively. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

// Everything below runs in a real browser on a busy machine: waits are generous, not the 1 s default.
const patiently = { timeout: 15_000 };
const frame = (page: Page) => page.frameLocator('.dashboard iframe');
const applied = async (page: Page) => JSON.parse((await frame(page).getByTestId('applied-json').textContent()) ?? '[]') as [string, string[]][];
const orgs = async (page: Page) => [...new Set(await frame(page).getByTestId('bar').evaluateAll((bars) => bars.map((bar) => bar.getAttribute('data-org'))))];
const embedPageLoads = () => emulator.calls.filter((call) => call.path.startsWith('/embed/')).length;
const REDEMPTION = '/auth/proxy/oem/ticket/';
const redemptions = () => emulator.calls.filter((call) => call.path.startsWith(REDEMPTION)).map((call) => call.status);

/**
 * A new browser context signed in as `email`, with two witnesses from the start: the requests the
 * page makes to the ticket endpoint, and every fetch the page's own scripts make (logged as called).
 */
async function signIn(email: string, beforeSignIn?: (page: Page) => Promise<void>) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const w = window as unknown as { fetched: string[] };
    w.fetched = [];
    const pageFetch = window.fetch;
    window.fetch = function (input, init) {
      w.fetched.push(new URL(input instanceof Request ? input.url : String(input), location.href).pathname);
      return pageFetch.call(this, input, init);
    };
  });
  const page = await context.newPage();
  // Every failed request counts, the ticket request's net::ERR_ABORTED after its 200 included: that
  // was Chromium's report of a no-store body read to its end through a reader, which oemkit now
  // avoids (see readText in @oemkit/browser's fetch-json.ts).
  const problems = watchPageProblems(page, { failedRequests: () => true });
  const ticketRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/astrato-ticket') ticketRequests.push(request.method());
  });
  await page.goto(app.url);
  await beforeSignIn?.(page);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Sign in' }).click();
  expect(await page.getByTestId('host-user').textContent()).toBe(email);
  // Paths only: the redemption's carries the ticket.
  const fetched = async () => (await page.evaluate(() => (window as unknown as { fetched: string[] }).fetched)).map((path) => (path.startsWith(REDEMPTION) ? REDEMPTION : path));
  const events = () => page.getByTestId('events').textContent();
  return { context, page, problems, ticketRequests, fetched, events };
}

describe('the Next.js example, built with next build and served by next start', () => {
  it('keeps the client secret out of every file the browser can load', async ({ annotate }) => {
    await annotate(`next build took ${buildSeconds.toFixed(1)} s`);
    const files = await filesUnder(join(appDirectory, '.next', 'static'));
    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    const leaking: string[] = [];
    for (const file of files) if ((await readFile(file, 'utf8')).includes(clientSecret)) leaking.push(file);
    expect(leaking).toEqual([]);
  });

  it('answers 401 to a ticket request without a session, exposing nothing', async () => {
    const response = await fetch(`${app.url}/api/astrato-ticket`, { method: 'POST' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'unauthorized' });
  });

  it('signs in and shows the dashboard with the ticket the page minted while rendering: no ticket request, one redemption, one load; filters it from React state and hears its messages', async () => {
    const before = { issued: emulator.counts.ticketsIssued, redemptions: redemptions().length, loads: embedPageLoads() };
    const { context, page, problems, ticketRequests, fetched, events } = await signIn('ana@acme.test');
    await expect.poll(() => frame(page).getByTestId('status').textContent(), patiently).toBe('Signed in as ana@acme.test');
    await expect.poll(events, patiently).toBe('load');
    // 2 round trips from the browser: the redemption, then the embed page. The ticket came with the page.
    expect(ticketRequests).toEqual([]);
    expect(await fetched()).toEqual([REDEMPTION]);
    expect(emulator.counts.ticketsIssued - before.issued).toBe(1);
    expect(redemptions().slice(before.redemptions)).toEqual([200]);
    expect(embedPageLoads() - before.loads).toBe(1);
    // The ticket carried ana's organisation: the chart shows its rows only.
    expect(await frame(page).getByTestId('parameters').textContent()).toContain('[org_id].[string]"ACME-001"');
    await expect.poll(() => orgs(page), patiently).toEqual(['ACME-001']);

    await page.getByRole('button', { name: 'Fresh & Frozen' }).click();
    await expect.poll(() => applied(page), patiently).toEqual([['Product Dim.Hierarchy Lvl2 Name', ['Fresh', 'Frozen']]]);
    await page.getByRole('button', { name: 'United Kingdom' }).click();
    await expect.poll(() => applied(page), patiently).toEqual([
      ['Product Dim.Hierarchy Lvl2 Name', ['Fresh', 'Frozen']],
      ['Region Dim.Country Name', ['United Kingdom']],
    ]);
    expect(await page.getByRole('button', { name: 'United Kingdom' }).getAttribute('aria-pressed')).toBe('true');

    // A bar clicked in the dashboard reaches onMessage as the workbook's own event.
    await frame(page).locator('[data-testid="bar"][data-category="Fresh"]').first().click(patiently);
    await expect.poll(events, patiently).toBe('load\nmessage BAR SELECTED {"field":"Product Dim.Hierarchy Lvl2 Name","values":["Fresh"]}');

    // The filters went over postMessage: no ticket, no second redemption, no second load of the embed page.
    expect(ticketRequests).toEqual([]);
    expect(emulator.counts.ticketsIssued - before.issued).toBe(1);
    expect(redemptions().slice(before.redemptions)).toEqual([200]);
    expect(embedPageLoads() - before.loads).toBe(1);
    expect(await page.content()).not.toContain(clientSecret);
    expect(problems).toEqual([]);
    // The page holds a ticket for one user: neither a shared cache nor the browser's may keep it.
    const again = await context.request.get(app.url);
    expect(again.headers()['cache-control']).toMatch(/^private, .*no-store/);
    await context.close();
  }, 90_000);

  it('loads a return visit over the session the browser holds: the rendered ticket left unused, no redemption, no ticket request', async () => {
    const { context, page, ticketRequests, events } = await signIn('ana@acme.test');
    await expect.poll(events, patiently).toBe('load');
    const before = { redemptions: redemptions().length, loads: embedPageLoads() };
    await page.reload();
    await expect.poll(events, patiently).toBe('load');
    // 1 round trip: the embed page. The page rendered a ticket with its session key, the key the browser remembers.
    expect(ticketRequests).toEqual([]);
    expect(redemptions().length - before.redemptions).toBe(0);
    expect(embedPageLoads() - before.loads).toBe(1);
    await expect.poll(() => orgs(page), patiently).toEqual(['ACME-001']);
    await context.close();
  }, 90_000);

  it('recovers a lost session with a ticket from the route handler', async () => {
    const { context, page, problems, ticketRequests, fetched, events } = await signIn('bo@globex.test');
    await expect.poll(events, patiently).toBe('load');
    const issued = emulator.counts.ticketsIssued;
    emulator.endSessions();
    await expect.poll(events, patiently).toBe('load\nload\nsessionRecovered');
    expect(ticketRequests).toEqual(['POST']);
    expect(await fetched()).toEqual([REDEMPTION, '/api/astrato-ticket', REDEMPTION]);
    expect(emulator.counts.ticketsIssued - issued).toBe(1);
    // The route handler's ticket carries the same user's organisation as the page's did.
    await expect.poll(() => orgs(page), patiently).toEqual(['GLOBEX-042']);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('falls back to the route handler once when the page’s ticket expired before the browser redeemed it', async () => {
    const before = redemptions().length;
    const { context, page, problems, ticketRequests, fetched, events } = await signIn('cy@acme.test', async (signInPage) => {
      // The first redemption waits until the tenant's clock has passed the ticket's 60 s: a page
      // left in a background tab, or one slow to start.
      let expired = false;
      await signInPage.route(`${astrato.url}${REDEMPTION}**`, async (route) => {
        if (!expired) (expired = true), (clockAhead += TICKET_LIFETIME + 1_000);
        await route.continue();
      });
    });
    await expect.poll(events, patiently).toBe('load');
    expect(redemptions().slice(before)).toEqual([401, 200]);
    expect(ticketRequests).toEqual(['POST']);
    expect(await fetched()).toEqual([REDEMPTION, '/api/astrato-ticket', REDEMPTION]);
    expect(embedPageLoads()).toBeGreaterThan(0);
    // A refused first ticket is the fallback's business: the host hears no error. The 401 itself is
    // the browser's report of the refused redemption, not a failure of the page.
    expect(problems.filter((problem) => !problem.includes('status of 401'))).toEqual([]);
    await context.close();
  }, 90_000);

  it('stops next start with every process it started', async () => {
    await app.stop();
    expect(groupAlive(app.pid)).toBe(false);
  });
});
