import { createServer, type Server } from 'node:http';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchPageProblems } from '@oemkit/test-support/chromium';
import { AstratoClient } from '../src/index.js';
import { createAstratoEmulator, type AstratoEmulator, type AstratoEmulatorOptions, type RunningEmulator } from '../src/testing.js';

/**
 * A host page on its own origin that frames `?embed=<url>` and records every message it receives,
 * with the sender's origin and whether it came from that iframe.
 */
const HOST_PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,"></head><body>
<iframe id="embed" width="900" height="600"></iframe>
<script>
window.received = [];
const frame = document.getElementById('embed');
addEventListener('message', (event) => window.received.push({ origin: event.origin, fromFrame: event.source === frame.contentWindow, data: event.data }));
frame.src = new URLSearchParams(location.search).get('embed');
</script></body></html>`;

let browser: Browser;
let host: Server;
let hostUrl: string;
let running: RunningEmulator | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  host = createServer((_, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(HOST_PAGE));
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as { port: number }).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => host?.close(resolve));
});
afterEach(async () => {
  await context?.close();
  await running?.close();
  context = running = undefined;
});

/**
 * An emulator on 127.0.0.1 and a browser whose cookie jar holds a session for ana@acme.test
 * (org ACME-001), unless `signedIn` is false; then the host page opened on `/embed/sales-overview` + `query`.
 */
async function open(options: AstratoEmulatorOptions, query = '', signedIn = true): Promise<{ page: Page; frame: Frame; emulator: AstratoEmulator; problems: string[] }> {
  const emulator = createAstratoEmulator(options);
  running = await emulator.listen();
  context = await browser.newContext();
  if (signedIn) {
    const client = new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, baseUrl: running.url, fetch: emulator.fetch });
    const { ticket } = await client.setup({ email: 'ana@acme.test', groupNames: ['Viewers'], filterParameters: { '[org_id].[string]': 'ACME-001' } });
    const redeemed = await emulator.handle(new Request(`${running.url}/auth/proxy/oem/ticket/${ticket}?embed`));
    const [name, value] = redeemed.headers.get('set-cookie')!.split(';')[0]!.split('=') as [string, string];
    await context.addCookies([{ name, value, url: running.url }]);
  }
  const page = await context.newPage();
  const problems = watchPageProblems(page);
  await page.goto(`${hostUrl}/?embed=${encodeURIComponent(`${running.url}/embed/sales-overview${query}`)}`);
  const frame = await (await page.waitForSelector('#embed')).contentFrame();
  await frame!.waitForLoadState();
  return { page, frame: frame!, emulator, problems };
}

const received = (page: Page) => page.evaluate(() => (window as unknown as { received: { origin: string; fromFrame: boolean; data: unknown }[] }).received);
const categories = (frame: Frame) => frame.locator('[data-testid=bar]').evaluateAll((bars) => [...new Set(bars.map((bar) => bar.getAttribute('data-category')))]);
const text = (frame: Frame, testId: string) => frame.getByTestId(testId).textContent();

describe('the emulated embed page in Chromium', () => {
  it("draws the first paint filtered by the link's query filters, ignoring a field the model lacks", async () => {
    const filter = "Default/'Product Dim'/'Hierarchy Lvl2 Name' in ('Fresh', 'Frozen') and Default/Territory/'Sales Country' in ('Australia')";
    const { frame, problems } = await open({}, `?variable=vTop:3&queryFilter=${encodeURIComponent(filter)}`);
    await expect.poll(() => categories(frame)).toEqual(['Fresh', 'Frozen']);
    // The marked moment is the first draw with data, and by then the link's filter was in force.
    expect(await frame.evaluate(() => performance.getEntriesByName('astrato-emulator:dashboard-drawn').length)).toBe(1);
    expect(await text(frame, 'chips')).toContain('Product group: Fresh, Frozen');
    expect(await frame.locator('[data-testid=query-filters] li').evaluateAll((items) => items.map((item) => item.getAttribute('data-applied')))).toEqual(['true', 'false']);
    expect(problems).toEqual([]);
  });

  it("lets a dynamic filter on the same field replace the link's, and keeps the link's on other fields", async () => {
    const filter = "Default/'Product Dim'/'Hierarchy Lvl2 Name' in ('Fresh') and Default/'Region Dim'/'Country Name' in ('France')";
    const { page, frame } = await open({}, `?queryFilter=${encodeURIComponent(filter)}`);
    await expect.poll(() => categories(frame)).toEqual(['Fresh']);
    await page.evaluate(() => (document.getElementById('embed') as HTMLIFrameElement).contentWindow!.postMessage({ type: 'DYNAMIC FILTERING', payload: 'Product Dim.Hierarchy Lvl2 Name|Bakery,Grocery;' }, '*'));
    await expect.poll(() => categories(frame)).toEqual(['Grocery', 'Bakery']);
    expect(await frame.locator('#top-country').textContent()).toBe('France');
  });

  it("applies both filters of Astrato's two-line DYNAMIC FILTERING example, the line break trimmed from the field", async () => {
    const { page, frame } = await open({});
    await page.evaluate(() =>
      (document.getElementById('embed') as HTMLIFrameElement).contentWindow!.postMessage({ type: 'DYNAMIC FILTERING', payload: 'Product Dim.Hierarchy Lvl2 Name|Fresh;\nRegion Dim.Country Name|France;\n' }, '*'),
    );
    await expect.poll(() => categories(frame)).toEqual(['Fresh']);
    expect(await frame.locator('#applied li').evaluateAll((items) => items.map((item) => item.getAttribute('data-field')))).toEqual(['Product Dim.Hierarchy Lvl2 Name', 'Region Dim.Country Name']);
    expect(await frame.locator('#top-country').textContent()).toBe('France');
  });

  it('shows a malformed link as an error and draws the dashboard unfiltered', async () => {
    const { frame, problems } = await open({}, "?queryFilter=Default/'Date Dim'/Year%20in%20(2026)");
    await expect.poll(() => categories(frame)).toEqual(['Fresh', 'Frozen', 'Grocery', 'Bakery', 'Beverages']);
    expect(await text(frame, 'link-error')).toMatch(/^queryFilter: expected a value in single quotes/);
    expect(problems).toEqual([]);
  });

  it("posts the selection to the host's origin when a bar is clicked, and the active sheet at load and on each change", async () => {
    const workbook = { sheets: ['Overview', 'Sales', 'Stock'], reportSelection: 'BAR SELECTED', reportActiveSheet: 'ACTIVE SHEET', goToSheet: 'GO TO SHEET' };
    const { page, frame, problems } = await open({ workbook });
    const emulatorOrigin = new URL(running!.url).origin;
    await expect.poll(() => received(page)).toEqual([{ origin: emulatorOrigin, fromFrame: true, data: { type: 'ACTIVE SHEET', payload: 'Overview' } }]);

    await frame.locator('[data-testid=bar][data-category=Grocery]').click();
    await expect.poll(async () => (await received(page)).at(-1)?.data).toEqual({ type: 'BAR SELECTED', payload: { field: 'Product Dim.Hierarchy Lvl2 Name', values: ['Grocery'] } });
    expect(await frame.locator('[data-testid=bar].selected').evaluateAll((bars) => bars.map((bar) => bar.getAttribute('data-category')))).toEqual(['Grocery']);

    await frame.getByRole('tab', { name: 'Stock' }).click();
    await expect.poll(async () => (await received(page)).at(-1)?.data).toEqual({ type: 'ACTIVE SHEET', payload: 'Stock' });
    expect(await text(frame, 'active-sheet')).toBe('Stock');
    expect(await frame.getByRole('tab', { name: 'Stock' }).getAttribute('aria-selected')).toBe('true');
    // Every message went to the host's origin, which the panel shows as the target.
    expect(await frame.locator('[data-testid=posted] li').allTextContents()).toEqual([
      `${hostUrl} {"type":"ACTIVE SHEET","payload":"Overview"}`,
      `${hostUrl} {"type":"BAR SELECTED","payload":{"field":"Product Dim.Hierarchy Lvl2 Name","values":["Grocery"]}}`,
      `${hostUrl} {"type":"ACTIVE SHEET","payload":"Stock"}`,
    ]);
    expect(problems).toEqual([]);
  });

  it("switches sheets on the host's go-to message, and logs an unknown sheet without switching", async () => {
    const { page, frame } = await open({ workbook: { sheets: ['Overview', 'Sales'], reportActiveSheet: 'ACTIVE SHEET', goToSheet: 'GO TO SHEET' } });
    const send = (payload: unknown) =>
      page.evaluate((payload) => (document.getElementById('embed') as HTMLIFrameElement).contentWindow!.postMessage({ type: 'GO TO SHEET', payload }, '*'), payload);
    await expect.poll(() => text(frame, 'active-sheet')).toBe('Overview');
    await send('Sales');
    await expect.poll(() => text(frame, 'active-sheet')).toBe('Sales');
    await send('Nowhere');
    await send('Sales');
    await expect.poll(() => frame.locator('[data-testid=received] li').evaluateAll((items) => items.map((item) => item.getAttribute('data-outcome')))).toEqual(['switched', 'unknown sheet', 'already active']);
    expect((await received(page)).map((message) => (message.data as { payload: unknown }).payload)).toEqual(['Overview', 'Sales']);
  });

  it('posts nothing of the workbook by default, and nothing but 401Error without a session', async () => {
    const quiet = await open({});
    await quiet.frame.locator('[data-testid=bar]').first().click();
    await expect.poll(() => text(quiet.frame, 'status')).toBe('Signed in as ana@acme.test');
    expect(await received(quiet.page)).toEqual([]);
    await context!.close();
    await running!.close();

    const signedOut = await open({ workbook: { reportActiveSheet: 'ACTIVE SHEET', goToSheet: 'GO TO SHEET' } }, '', false);
    await expect.poll(() => received(signedOut.page)).toEqual([{ origin: new URL(running!.url).origin, fromFrame: true, data: { type: 'Astrato', message: '401Error' } }]);
  });

  it('posts whatever a test asks through its hook, as often as asked, from the real iframe', async () => {
    const { page, frame } = await open({});
    const odd = { type: 'FLOOD', payload: { nested: [1, null, 'x'.repeat(1000)], date: new Date(0) } };
    expect(await frame.evaluate((message) => (window as unknown as { astratoEmulator: { postToHost: (m: unknown, o: object) => number } }).astratoEmulator.postToHost(message, { times: 500 }), odd)).toBe(500);
    await frame.evaluate(() => (window as unknown as { astratoEmulator: { postToHost: (m: unknown) => number } }).astratoEmulator.postToHost('a bare string'));
    await expect.poll(async () => (await received(page)).length).toBe(501);
    const messages = await received(page);
    expect(messages.every((message) => message.fromFrame && message.origin === new URL(running!.url).origin)).toBe(true);
    expect(messages.at(-1)!.data).toBe('a bare string');
    expect(await frame.getByTestId('posted').getAttribute('data-count')).toBe('501');
    expect(await frame.locator('[data-testid=posted] li').count()).toBe(50);

    // The panel's form does the same by hand.
    await frame.getByText('Post a test message to the host').click();
    await frame.getByLabel('Message as JSON').fill('{"type":"BY HAND","payload":[1,2]}');
    await frame.getByLabel('Times').fill('2');
    await frame.getByRole('button', { name: 'Post', exact: true }).click();
    await expect.poll(() => text(frame, 'post-result')).toBe('Posted 2');
    await expect.poll(async () => (await received(page)).slice(-2).map((message) => message.data)).toEqual([
      { type: 'BY HAND', payload: [1, 2] },
      { type: 'BY HAND', payload: [1, 2] },
    ]);
  });
});
