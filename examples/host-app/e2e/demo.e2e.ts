import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@oemkit/test-support/chromium';
import { startDemo } from '../src/demo.js';

let browser: Browser;
let demo: Awaited<ReturnType<typeof startDemo>>;
const steps: string[] = [];

beforeAll(async () => {
  [browser, demo] = await Promise.all([launchChromium(), startDemo({ port: 0, env: {}, log: (step, detail) => steps.push(`${step}: ${detail}`) })]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

const frame = (page: Page) => page.frameLocator('#dashboard iframe');
const applied = async (page: Page) => JSON.parse((await frame(page).getByTestId('applied-json').textContent()) ?? '[]') as [string, string[]][];

describe('pnpm demo in Chromium', () => {
  it('signs in, embeds with row-level parameters, filters, recovers a lost session and signs out', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(demo.url);
    await page.getByLabel('Email').fill('ana@acme.test');
    await page.getByRole('button', { name: 'Sign in' }).click();

    expect(await page.getByTestId('host-user').textContent()).toBe('ana@acme.test');
    await expect.poll(() => frame(page).getByTestId('status').textContent()).toBe('Signed in as ana@acme.test');
    expect(await frame(page).getByTestId('parameters').textContent()).toContain('[org_id].[string]"ACME-001"');

    await page.getByRole('button', { name: 'Fresh & Frozen' }).click();
    await page.getByRole('button', { name: 'United Kingdom' }).click();
    await expect.poll(() => applied(page)).toEqual([
      ['Product Dim.Hierarchy Lvl2 Name', ['Fresh', 'Frozen']],
      ['Region Dim.Country Name', ['United Kingdom']],
    ]);

    await page.getByRole('button', { name: 'End Astrato session (emulator)' }).click();
    await expect.poll(() => page.getByTestId('log').textContent(), { timeout: 15_000 }).toContain('recovery: session was lost');
    await expect.poll(() => frame(page).getByTestId('status').textContent()).toBe('Signed in as ana@acme.test');
    await expect.poll(() => applied(page)).toEqual([
      ['Product Dim.Hierarchy Lvl2 Name', ['Fresh', 'Frozen']],
      ['Region Dim.Country Name', ['United Kingdom']],
    ]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
    await expect.poll(() => steps.join('\n')).toContain('sign-out: Astrato session ended');
    expect(steps.join('\n')).toMatch(/token: POST \/auth\/proxy\/m2m\/token -> 200/);
    expect(steps.filter((step) => step.startsWith('token:'))).toHaveLength(1);
    expect(steps.join('\n')).toContain('redemption: Astrato redeemed a ticket -> 200');
  });

  it('gives an admin the cleared parameter, which removes the row-level filter', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(demo.url);
    await page.getByLabel('Email').fill('admin@acme.test');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => frame(page).getByTestId('parameters').textContent()).toContain('[org_id].[undefined]null');
  });

  it('answers 401 to a ticket request without a host session, exposing nothing', async () => {
    const response = await fetch(`${demo.url}/api/astrato-ticket`, { method: 'POST' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'unauthorized' });
  });
});
