import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAstratoEmulator, type RunningEmulator } from '@oemkit/server/testing';
import { launchChromium } from '@oemkit/test-support/chromium';
import { README_SESSION_COOKIE, readmeDashboardProblems, startReadmeApp } from '../src/readme-app.js';

// The workspace root: the README's code imports @oemkit/* from there, as built.
const root = fileURLToPath(new URL('../../../', import.meta.url));

let browser: Browser;
let astrato: RunningEmulator;
let app: Awaited<ReturnType<typeof startReadmeApp>>;

beforeAll(async () => {
  const emulator = createAstratoEmulator();
  [browser, astrato] = await Promise.all([launchChromium(), emulator.listen()]);
  app = await startReadmeApp({ cwd: root, astrato: { url: astrato.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret }, bundle: build });
});

afterAll(async () => {
  await Promise.all([app?.close(), browser?.close(), astrato?.close()]);
});

describe('the README examples', () => {
  it('embed the dashboard for the signed-in user with the row-level parameter and the filter', async () => {
    const context = await browser.newContext();
    await context.addCookies([{ ...README_SESSION_COOKIE, url: app.hostUrl }]);
    const page = await context.newPage();
    await page.goto(app.hostUrl);
    expect(await readmeDashboardProblems(page)).toEqual([]);
    await context.close();
  });

  it('refuse a visitor without the session cookie', async () => {
    const response = await fetch(`${app.hostUrl}/api/astrato-ticket`, { method: 'POST' });
    expect(response.status).toBe(401);
  });
});
