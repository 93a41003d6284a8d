/**
 * The Content Security Policy that docs/production.md recommends, checked in Chromium: a host page
 * served with exactly that header (the Astrato origin swapped for the emulator's) embeds, filters
 * and signs out, and the browser reports no violation beyond the one the guide describes.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchPageProblems } from '@oemkit/test-support/chromium';
import { createAstratoEmulator, type AstratoEmulator, type RunningEmulator } from '@oemkit/server/testing';
import { AstratoClient, createTicketHandler } from '@oemkit/server';

const guide = readFileSync(fileURLToPath(new URL('../../../docs/production.md', import.meta.url)), 'utf8');
const policy = /<!-- production:csp -->\n```text\nContent-Security-Policy: (.+)\n```/.exec(guide)?.[1];
const iframeRule = /#dashboard iframe \{[^}]*\}/.exec(guide)?.[0];

let browser: Browser;
let emulator: AstratoEmulator;
let astrato: RunningEmulator;
let host: Server;
let hostUrl: string;

beforeAll(async () => {
  if (!policy || !iframeRule) throw new Error('docs/production.md lost its production:csp block or its #dashboard iframe rule');
  emulator = createAstratoEmulator();
  [browser, astrato] = await Promise.all([launchChromium(), emulator.listen()]);
  const client = new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, baseUrl: astrato.url });
  const tickets = createTicketHandler({
    client,
    authorize: () => ({ email: 'ana@acme.test', groupNames: ['Viewers'], filterParameters: { '[org_id].[string]': 'ACME-001' } }),
  });
  const page = `import { embedDashboard, signOut } from '@oemkit/browser';
const astratoUrl = ${JSON.stringify(astrato.url)};
const dashboard = embedDashboard({ container: '#dashboard', baseUrl: astratoUrl, embedUrl: astratoUrl + '/embed/sales-overview', ticketUrl: '/api/astrato-ticket' });
dashboard.on('error', (error) => document.body.setAttribute('data-error', error.code));
window.filter = (filters) => dashboard.setFilters(filters);
window.signOutEverywhere = async () => { dashboard.destroy(); await signOut({ baseUrl: astratoUrl }); };`;
  const script = (await build({ stdin: { contents: page, resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'js' }, bundle: true, format: 'iife', write: false, logLevel: 'silent' })).outputFiles[0]!.text;
  const header = policy.replaceAll('https://app.astrato.io', astrato.url);
  // Nothing inline: the page obeys the policy it is served with.
  host = createServer(async (req, res) => {
    if (req.url === '/api/astrato-ticket') {
      const answer = await tickets(new Request(`http://host.test${req.url}`, { method: req.method ?? 'GET' }));
      return res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
    }
    if (req.url === '/app.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    if (req.url === '/app.css') return res.writeHead(200, { 'content-type': 'text/css' }).end(`#dashboard{width:800px;height:500px}${iframeRule}`);
    res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': header });
    res.end('<!DOCTYPE html><html><head><link rel="icon" href="data:,"><link rel="stylesheet" href="/app.css"></head><body><div id="dashboard"></div><script src="/app.js"></script></body></html>');
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as { port: number }).port}`;
});

afterAll(async () => {
  host?.closeAllConnections();
  await Promise.all([browser?.close(), astrato?.close(), new Promise((resolve) => (host ? host.close(resolve) : resolve(undefined)))]);
});

const frame = (page: Page) => page.frameLocator('#dashboard iframe');
const categories = async (page: Page) => [...new Set(await frame(page).getByTestId('bar').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-category'))))];

describe('the Content Security Policy in docs/production.md', () => {
  it('lets the page redeem, frame, filter and sign out, with no CSP violation at all', async () => {
    const page = await (await browser.newContext()).newPage();
    const errors = watchPageProblems(page);
    await page.goto(hostUrl);

    await expect.poll(() => categories(page)).toHaveLength(5);
    const size = await page.locator('#dashboard iframe').boundingBox();
    expect([size?.width, size?.height]).toEqual([800, 500]);
    await page.evaluate(() => (window as unknown as { filter: (filters: object) => void }).filter({ 'Product Dim.Hierarchy Lvl2 Name': ['Fresh', 'Frozen'] }));
    await expect.poll(() => categories(page)).toEqual(['Fresh', 'Frozen']);

    await page.evaluate(() => (window as unknown as { signOutEverywhere: () => Promise<void> }).signOutEverywhere());
    expect(emulator.counts.signOuts).toBe(1);
    expect(await page.locator('body').getAttribute('data-error')).toBeNull();
    expect(errors).toEqual([]);
  });
});
