import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchPageProblems } from '@oemkit/test-support/chromium';
import { startExample } from '../src/server.js';

let browser: Browser;
let example: Awaited<ReturnType<typeof startExample>>;

beforeAll(async () => {
  [browser, example] = await Promise.all([launchChromium(), startExample({ port: 0 })]);
});
afterAll(async () => {
  await browser?.close();
  await example?.close();
});

// The machine is shared: a first load may take seconds.
const PATIENCE = { timeout: 10_000 };
const frame = (page: Page) => page.frameLocator('astrato-dashboard iframe');
const applied = async (page: Page) => JSON.parse((await frame(page).getByTestId('applied-json').textContent()) ?? '[]') as [string, string[]][];

describe('the custom element example in Chromium', () => {
  it('embeds the dashboard from plain HTML with one ticket and applies the filters its script sets', async () => {
    const page = await (await browser.newContext()).newPage();
    const problems = watchPageProblems(page);
    const ticketsBefore = example.ticketRequests();
    await page.goto(example.url);
    await expect.poll(() => frame(page).getByTestId('status').textContent(), PATIENCE).toBe('Signed in as ana@example.com');
    expect(await frame(page).getByTestId('title').textContent()).toContain('Sales overview');
    await expect.poll(() => applied(page), PATIENCE).toEqual([['Region Dim.Country Name', ['United Kingdom']]]);
    expect(await page.locator('astrato-dashboard > iframe').getAttribute('title')).toBe('Sales overview');
    // The style sheet makes the element a block of 560 px, which the iframe fills.
    expect(await page.locator('astrato-dashboard > iframe').evaluate((iframe) => iframe.getBoundingClientRect().height)).toBe(560);

    // What a framework binding does: a new filters property.
    await page.evaluate(() => {
      (document.querySelector('astrato-dashboard') as HTMLElement & { filters: unknown }).filters = { 'Region Dim.Country Name': 'Germany' };
    });
    await expect.poll(() => applied(page), PATIENCE).toEqual([['Region Dim.Country Name', ['Germany']]]);
    expect(example.ticketRequests()).toBe(ticketsBefore + 1);
    expect(await page.getByRole('alert').textContent()).toBe('');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows the error on the page when the ticket endpoint fails', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.route('**/api/astrato-ticket', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"ticket_unavailable"}' }));
    await page.goto(example.url);
    await expect.poll(() => page.getByRole('alert').textContent(), PATIENCE).not.toBe('');
    expect(await page.locator('astrato-dashboard iframe').count()).toBe(0);
    await page.context().close();
  });
});
