import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAstratoEmulator, type RunningEmulator } from '@oemkit/server/testing';
import { launchChromium, watchPageProblems } from '@oemkit/test-support/chromium';
import { appDirectory, buildApp, groupAlive, startApp, stopAllNext, type StartedApp } from './next-app.js';

// A secret no other file could hold by chance, so finding it anywhere means it leaked.
const clientSecret = `nextjs-e2e-secret-${crypto.randomUUID()}`;
const emulator = createAstratoEmulator({ clientSecret, dashboards: { 'sales-overview': 'Sales overview' }, workbook: { reportSelection: 'BAR SELECTED' } });
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

  it('signs in, shows the dashboard with one ticket, filters it from React state without a reload and hears its messages', async () => {
    const context = await browser.newContext();
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
    await page.getByLabel('Email').fill('ana@acme.test');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByTestId('host-user').textContent()).toBe('ana@acme.test');
    await expect.poll(() => frame(page).getByTestId('status').textContent(), patiently).toBe('Signed in as ana@acme.test');
    await expect.poll(() => page.getByTestId('events').textContent(), patiently).toBe('load');
    expect(ticketRequests).toEqual(['POST']);
    expect(emulator.counts.ticketsIssued).toBe(1);
    expect(embedPageLoads()).toBe(1);
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
    await expect
      .poll(() => page.getByTestId('events').textContent(), patiently)
      .toBe('load\nmessage BAR SELECTED {"field":"Product Dim.Hierarchy Lvl2 Name","values":["Fresh"]}');

    // The filters went over postMessage: no second ticket, no second load of the embed page.
    expect(ticketRequests).toEqual(['POST']);
    expect(emulator.counts.ticketsIssued).toBe(1);
    expect(embedPageLoads()).toBe(1);
    expect(await page.content()).not.toContain(clientSecret);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('stops next start with every process it started', async () => {
    await app.stop();
    expect(groupAlive(app.pid)).toBe(false);
  });
});
