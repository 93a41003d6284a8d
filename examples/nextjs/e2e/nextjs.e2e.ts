import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAstratoEmulator, type RunningEmulator } from '@oemkit/server/testing';
import { launchChromium } from '@oemkit/test-support/chromium';
import { appDirectory, buildApp, groupAlive, startApp, type StartedApp } from './next-app.js';

// A secret no other file could hold by chance, so finding it anywhere means it leaked.
const clientSecret = `nextjs-e2e-secret-${crypto.randomUUID()}`;
const emulator = createAstratoEmulator({ clientSecret, dashboards: { 'sales-overview': 'Sales overview' } });
let astrato: RunningEmulator;
let app: StartedApp;
let browser: Browser;

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
  await buildApp(env);
  app = await startApp(env);
}, 300_000);

afterAll(async () => {
  await Promise.all([app?.stop(), browser?.close(), astrato?.close()]);
});

/** Every file under a folder, recursively. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Console errors, uncaught exceptions and failed requests: what a developer would see. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()} at ${message.location().url}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  return problems;
}

const frame = (page: Page) => page.frameLocator('.dashboard iframe');
const applied = async (page: Page) => JSON.parse((await frame(page).getByTestId('applied-json').textContent()) ?? '[]') as [string, string[]][];
const embedPageLoads = () => emulator.calls.filter((call) => call.path.startsWith('/embed/')).length;

describe('the Next.js example, built with next build and served by next start', () => {
  it('keeps the client secret out of every file the browser can load', async () => {
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

  it('signs in, shows the dashboard with one ticket, and filters it from React state without a reload', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchConsole(page);
    const ticketRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/astrato-ticket') ticketRequests.push(request.method());
    });

    await page.goto(app.url);
    await page.getByLabel('Email').fill('ana@acme.test');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByTestId('host-user').textContent()).toBe('ana@acme.test');
    await expect.poll(() => frame(page).getByTestId('status').textContent()).toBe('Signed in as ana@acme.test');
    await expect.poll(() => page.getByTestId('events').textContent()).toBe('load');
    expect(ticketRequests).toEqual(['POST']);
    expect(emulator.counts.ticketsIssued).toBe(1);
    expect(embedPageLoads()).toBe(1);

    await page.getByRole('button', { name: 'Fresh & Frozen' }).click();
    await expect.poll(() => applied(page)).toEqual([['Product Dim.Hierarchy Lvl2 Name', ['Fresh', 'Frozen']]]);
    await page.getByRole('button', { name: 'United Kingdom' }).click();
    await expect.poll(() => applied(page)).toEqual([
      ['Product Dim.Hierarchy Lvl2 Name', ['Fresh', 'Frozen']],
      ['Region Dim.Country Name', ['United Kingdom']],
    ]);
    expect(await page.getByRole('button', { name: 'United Kingdom' }).getAttribute('aria-pressed')).toBe('true');

    // The filters went over postMessage: no second ticket, no second load of the embed page.
    expect(ticketRequests).toEqual(['POST']);
    expect(emulator.counts.ticketsIssued).toBe(1);
    expect(embedPageLoads()).toBe(1);
    expect(await page.getByTestId('events').textContent()).toBe('load');
    expect(await page.content()).not.toContain(clientSecret);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('stops next start with every process it started', async () => {
    await app.stop();
    expect(groupAlive(app.pid)).toBe(false);
  });
});
