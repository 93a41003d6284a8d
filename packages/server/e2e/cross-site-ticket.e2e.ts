import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath } from '@oemkit/test-support/chromium';
import { AstratoClient, createTicketHandler } from '../src/index.js';
import { toNodeHandler } from '../src/node.js';
import { createAstratoEmulator, type AstratoEmulator } from '../src/testing.js';

/**
 * A victim app on http://localhost:<port> (its session cookie may be `Secure` there: Chromium
 * counts localhost as a secure context) and a hostile page on http://127.0.0.1:<port>, another
 * site to the browser. The victim's ticket endpoint is `createTicketHandler` with its defaults
 * (DEFAULT_RATE_LIMIT included), behind `toNodeHandler`, over an in-process Astrato emulator.
 *
 * The browser runs a profile of its own that allows third-party cookies, as Chrome's default
 * profile does: Playwright's contexts are incognito ones, which block them, and then a hostile
 * fetch would not carry the cookie and prove nothing.
 */
const ENDPOINT = '/api/astrato-ticket';

/** What reached the victim's endpoint: whether the session cookie came along, and what the browser said of the page. */
interface Arrival {
  cookie: boolean;
  site: string | undefined;
  origin: string | undefined;
}

const VICTIM_PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>
<script>window.ticket = () => fetch('${ENDPOINT}', { method: 'POST' }).then(async (response) => [response.status, await response.json()]);</script>
</body></html>`;

/** `count` text/plain form POSTs into hidden frames and `count` no-cors fetches with credentials, as a hostile page would. */
const hostilePage = (target: string, count: number) => `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>
<script>
for (let i = 0; i < ${count}; i++) {
  const frame = Object.assign(document.createElement('iframe'), { name: 'sink' + i });
  const form = Object.assign(document.createElement('form'), { method: 'POST', action: '${target}', enctype: 'text/plain', target: 'sink' + i });
  form.append(Object.assign(document.createElement('input'), { type: 'hidden', name: 'x', value: 'y' }));
  document.body.append(frame, form);
  form.submit();
  fetch('${target}', { method: 'POST', mode: 'no-cors', credentials: 'include', body: 'x=y', headers: { 'content-type': 'text/plain' } });
}
</script></body></html>`;

/** A page that POSTs one top-level form to the target: the one cross-site request a cookie without SameSite rides on. */
const hostileNavigation = (target: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>
<form method="POST" action="${target}" enctype="text/plain"><input type="hidden" name="x" value="y"></form>
<script>document.forms[0].submit();</script></body></html>`;

let context: BrowserContext | undefined;
let profile: string | undefined;
let victim: Server;
let hostile: Server;
let victimUrl: string;
let hostileUrl: string;
let emulator: AstratoEmulator;
let arrivals: Arrival[];
let cookieAttributes: string;
let hostileHtml: string;

const setups = () => emulator.calls.filter((call) => call.path === '/oem/setup').length;
const header = (request: IncomingMessage, name: string) => request.headers[name] as string | undefined;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

beforeAll(async () => {
  victim = createServer((request, response) => {
    if (request.url === ENDPOINT) {
      arrivals.push({ cookie: /(^|;\s*)session=ana(;|$)/.test(header(request, 'cookie') ?? ''), site: header(request, 'sec-fetch-site'), origin: header(request, 'origin') });
      return handle(request, response);
    }
    const signIn = request.url === '/sign-in' ? { 'set-cookie': `session=ana; Path=/; HttpOnly${cookieAttributes}` } : {};
    response.writeHead(200, { 'content-type': 'text/html', ...signIn }).end(VICTIM_PAGE);
  });
  hostile = createServer((_, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(hostileHtml));
  victimUrl = `http://localhost:${await listen(victim)}`;
  hostileUrl = `http://127.0.0.1:${await listen(hostile)}`;
});
afterAll(async () => {
  await Promise.all([victim, hostile].map((server) => new Promise((resolve) => server?.close(resolve))));
});
afterEach(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  context = profile = undefined;
});

let handle: ReturnType<typeof toNodeHandler>;

/** A fresh emulator and endpoint, and a browser signed in to the victim app with the given cookie attributes. */
async function signedIn(attributes: string) {
  emulator = createAstratoEmulator();
  arrivals = [];
  cookieAttributes = attributes;
  const client = new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, baseUrl: 'http://astrato.test', fetch: emulator.fetch, retry: 0 });
  const refusals: unknown[] = [];
  handle = toNodeHandler(
    createTicketHandler({
      client,
      authorize: (request) => (/(^|;\s*)session=ana(;|$)/.test(request.headers.get('cookie') ?? '') ? { email: 'ana@example.com', groupNames: ['Viewers'] } : null),
      onError: (error) => refusals.push(error),
    }),
  );
  profile = mkdtempSync(join(tmpdir(), 'oemkit-cross-site-'));
  mkdirSync(join(profile, 'Default'));
  // cookie_controls_mode 0: third-party cookies allowed (1 blocks them in incognito only, 2 always).
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: [...CHROMIUM_ARGS] });
  const page = await context.newPage();
  await page.goto(`${victimUrl}/sign-in`);
  return { page, refusals };
}

describe('a hostile page on another site, in Chromium', () => {
  it('spends no Astrato setup and none of the user’s limit with 60 credentialed POSTs of a SameSite=None cookie', async () => {
    const { page, refusals } = await signedIn('; SameSite=None; Secure');
    hostileHtml = hostilePage(`${victimUrl}${ENDPOINT}`, 30);
    const attacker = await context!.newPage();
    await attacker.goto(hostileUrl);
    await expect.poll(() => arrivals.length, { timeout: 20_000 }).toBe(60);
    // The browser did carry the victim's cookie: only the handler stood in the way.
    expect(new Set(arrivals.map((arrival) => JSON.stringify(arrival)))).toEqual(new Set([JSON.stringify({ cookie: true, site: 'cross-site', origin: hostileUrl })]));
    expect(setups()).toBe(0);
    expect(refusals).toHaveLength(60);

    expect(await page.evaluate(() => (window as unknown as { ticket: () => Promise<unknown> }).ticket())).toEqual([200, { ticketId: expect.any(String), sessionKey: expect.stringMatching(/^v1\./) }]);
    expect(arrivals.at(-1)).toEqual({ cookie: true, site: 'same-origin', origin: victimUrl });
    expect(setups()).toBe(1);
  });

  it('refuses the top-level form POST a cookie without SameSite still rides on (Chromium’s two-minute Lax exception)', async () => {
    const { page } = await signedIn('');
    hostileHtml = hostileNavigation(`${victimUrl}${ENDPOINT}`);
    const attacker = await context!.newPage();
    await attacker.goto(hostileUrl);
    await expect.poll(() => arrivals.length, { timeout: 20_000 }).toBe(1);
    expect(arrivals[0]).toEqual({ cookie: true, site: 'cross-site', origin: hostileUrl });
    await expect.poll(() => attacker.locator('body').textContent()).toContain('cross_site_request');
    expect(setups()).toBe(0);

    expect(await page.evaluate(() => (window as unknown as { ticket: () => Promise<unknown> }).ticket())).toEqual([200, { ticketId: expect.any(String), sessionKey: expect.stringMatching(/^v1\./) }]);
    expect(setups()).toBe(1);
  });
});
