import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchPageProblems } from '@oemkit/test-support/chromium';
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

/** The chart's bars as drawn: organisation, product group and net sales of each segment. */
const bars = (page: Page) =>
  frame(page)
    .getByTestId('bar')
    .evaluateAll((nodes) => nodes.map((node) => ({ org: node.getAttribute('data-org'), category: node.getAttribute('data-category'), value: Number(node.getAttribute('data-value')) })));
const orgs = async (page: Page) => [...new Set((await bars(page)).map((bar) => bar.org))];
const categories = async (page: Page) => [...new Set((await bars(page)).map((bar) => bar.category))];
const total = async (page: Page) => (await bars(page)).reduce((sum, bar) => sum + bar.value, 0);

async function signIn(email: string): Promise<{ page: Page; problems: string[] }> {
  const page = await (await browser.newContext()).newPage();
  // Of the failed requests, the sign-out one counts: Chrome's console shows it as net::ERR_ABORTED.
  const problems = watchPageProblems(page, { failedRequests: (request) => request.url().includes('/auth/proxy/0/sign_out') });
  await page.goto(demo.url);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { page, problems };
}

describe('pnpm demo in Chromium', () => {
  it('signs in, embeds with row-level parameters, filters, recovers a lost session and signs out', async () => {
    const { page, problems } = await signIn('ana@acme.test');

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
    // The reloaded dashboard draws the re-sent filters too.
    await expect.poll(() => categories(page)).toEqual(['Fresh', 'Frozen']);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
    await expect.poll(() => steps.join('\n')).toContain('sign-out: Astrato session ended');
    expect(steps.join('\n')).toMatch(/token: POST \/auth\/proxy\/m2m\/token -> 200/);
    expect(steps.filter((step) => step.startsWith('token:'))).toHaveLength(1);
    expect(steps.join('\n')).toContain('redemption: Astrato redeemed a ticket -> 200');
    expect(problems).toEqual([]);
  });

  it("draws only the user's organisation, and the filters change the bars", async () => {
    const { page, problems } = await signIn('ana@acme.test');
    await expect.poll(() => categories(page)).toEqual(['Fresh', 'Frozen', 'Grocery', 'Bakery', 'Beverages']);
    expect(await orgs(page)).toEqual(['ACME-001']);
    expect(await frame(page).getByTestId('legend').textContent()).toBe('ACME-001');
    const everything = await total(page);

    await page.getByRole('button', { name: 'Fresh & Frozen' }).click();
    await expect.poll(() => categories(page)).toEqual(['Fresh', 'Frozen']);
    const freshAndFrozen = await total(page);
    expect(freshAndFrozen).toBeLessThan(everything);

    await page.getByRole('button', { name: 'United Kingdom' }).click();
    await expect.poll(() => total(page)).toBeLessThan(freshAndFrozen);
    expect(await categories(page)).toEqual(['Fresh', 'Frozen']);
    expect(await orgs(page)).toEqual(['ACME-001']);
    expect(await frame(page).getByTestId('chips').textContent()).toContain('Country: United Kingdom');
    expect(await page.getByRole('button', { name: 'United Kingdom' }).getAttribute('aria-pressed')).toBe('true');

    // Astrato's filter action cannot remove a filter: clearing loads the dashboard again without any.
    await page.getByRole('button', { name: 'Clear filters (reloads the dashboard)' }).click();
    await expect.poll(() => total(page)).toBe(everything);
    expect(await applied(page)).toEqual([]);
    expect(await page.getByRole('button', { name: 'United Kingdom' }).getAttribute('aria-pressed')).toBe('false');
    expect(problems).toEqual([]);
  });

  it('gives bo@globex.test only GLOBEX-042, and an admin the cleared parameter: every organisation', async () => {
    const bo = await signIn('bo@globex.test');
    await expect.poll(() => orgs(bo.page)).toEqual(['GLOBEX-042']);

    const admin = await signIn('admin@acme.test');
    await expect.poll(() => frame(admin.page).getByTestId('parameters').textContent()).toContain('[org_id].[undefined]null');
    await expect.poll(() => orgs(admin.page)).toEqual(['ACME-001', 'GLOBEX-042', 'INITECH-007']);
    expect([...bo.problems, ...admin.problems]).toEqual([]);
  });

  it('starts filtered through the embed link, shows the clicked bar on the host page and switches sheets from it', async () => {
    const { page, problems } = await signIn('ana@acme.test');
    expect(await page.getByTestId('host-initial-state').textContent()).toBe('Europe (United Kingdom, Germany, France)');
    // The emulator read the link oemkit wrote with Astrato's grammar, and applied it to the first render.
    await expect
      .poll(() => frame(page).locator('[data-testid=query-filters] li').evaluateAll((items) => items.map((item) => [item.getAttribute('data-path'), item.getAttribute('data-values'), item.getAttribute('data-applied')])))
      .toEqual([['Default/Region Dim/Country Name', '["United Kingdom","Germany","France"]', 'true']]);
    expect(await frame(page).locator('[data-testid=variables] li').evaluateAll((items) => items.map((item) => [item.getAttribute('data-name'), item.getAttribute('data-value')]))).toEqual([['vRegion', 'Europe']]);
    expect(await frame(page).getByTestId('chips').textContent()).toContain('Country: United Kingdom, Germany, France');
    expect(await applied(page)).toEqual([]);

    // The workbook reports its active sheet at load: the host marks that sheet's button.
    await expect.poll(() => page.getByRole('button', { name: 'Go to Overview' }).getAttribute('aria-pressed')).toBe('true');
    await frame(page).locator('[data-testid=bar][data-category=Bakery]').click();
    await expect.poll(() => page.getByTestId('selection').textContent()).toBe('Selected: Bakery');

    await page.getByRole('button', { name: 'Go to Stock' }).click();
    await expect.poll(() => frame(page).getByTestId('active-sheet').textContent()).toBe('Stock');
    await expect.poll(() => page.getByRole('button', { name: 'Go to Stock' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('button', { name: 'Go to Overview' }).getAttribute('aria-pressed')).toBe('false');

    // The step log narrates both directions.
    await expect.poll(() => steps.join('\n')).toContain('browser sheet: asked the workbook to show Stock');
    const log = steps.join('\n');
    expect(log).toContain('browser message: the workbook posted BAR SELECTED {"field":"Product Dim.Hierarchy Lvl2 Name","values":["Bakery"]}');
    expect(log).toContain('browser initial state: the embed link carries');
    await expect.poll(() => steps.join('\n')).toContain('browser message: the workbook posted ACTIVE SHEET "Stock"');
    expect(problems).toEqual([]);
  });

  it('answers 401 to a ticket request without a host session, exposing nothing', async () => {
    const response = await fetch(`${demo.url}/api/astrato-ticket`, { method: 'POST' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'unauthorized' });
  });
});
