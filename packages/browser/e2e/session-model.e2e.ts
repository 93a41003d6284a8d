/**
 * The session model (issue 17) in Chromium, cross-site: the host on http://host.test, Astrato's
 * emulator on https://astrato.test with a `SameSite=None; Secure` session cookie, third-party
 * cookies allowed. Each test is a fresh browser profile (its tabs share localStorage, Web Locks
 * and cookies, as a user's do). The witnesses are the emulator's call log (tickets minted,
 * redemptions, and whose session each embed-page load carried) and the host's ticket log.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { blockThirdPartyCookies, openCrossSiteBrowser, type CrossSiteBrowser } from './support/cross-site-browser.js';
import { startHarness, type Harness } from './support/host-harness.js';
import { setupInputOf } from './support/host-users.js';
import { markNow, witnessedSince, type Mark } from './support/session-witness.js';
import { callBoard, events, fetchesTo, iframesOf, mount, PATIENCE, rememberedSession, showing } from './support/tab-dashboards.js';

const ANA = 'ana@example.com';
const BOB = 'bob@example.com';

let harness: Harness;
let browser: CrossSiteBrowser;
let start: Mark;

beforeAll(async () => {
  harness = await startHarness({ sessionCookie: { sameSite: 'None', secure: true } }, { https: true });
});
afterAll(async () => harness?.close());
beforeEach(async () => {
  harness.emulator.blockSessionCookies = false;
  browser = await openCrossSiteBrowser(harness);
  start = markNow(harness);
});
afterEach(async () => browser?.close());

/** Mounts `ids` in `tab` and waits until each shows `email`'s session. */
async function embedAndWait(tab: Page, ids: string[], email = ANA, options: Parameters<typeof mount>[3] = {}) {
  await mount(tab, browser.astratoUrl, ids, options);
  await showing(tab, ids, email);
}

/** Waits until the tab's events include `event`. */
const eventSeen = (tab: Page, event: string | RegExp) => expect.poll(async () => (await events(tab)).some((e) => (typeof event === 'string' ? e === event : event.test(e))), PATIENCE).toBe(true);

/** The key the host's server gave the page with its first ticket. */
const firstKey = () => witnessedSince(harness, start).ticketCalls[0]!.answer.sessionKey as string;

describe('the session model in Chromium, cross-site', () => {
  it('loads a return visit (a reload, same user) with no ticket and no redemption: one ask with the remembered key, answered { sessionKey }, one embed-page load with the user’s session', async () => {
    const tab = await browser.openTab();
    await embedAndWait(tab, ['demo']);
    const key = firstKey();
    expect(key).toMatch(/^v1\.[A-Za-z0-9_-]{43}$/);
    const before = markNow(harness);
    await tab.reload();
    await embedAndWait(tab, ['demo']);
    const after = witnessedSince(harness, before);
    expect(after).toMatchObject({ minted: 0, redemptions: 0, embedLoads: [`demo ${ANA}`] });
    expect(after.ticketCalls).toEqual([{ path: '/api/ticket', user: 'ana', sessionKeyHeader: key, status: 200, answer: { sessionKey: key } }]);
  });

  it('costs no ticket for a second dashboard on the page, nor for an SPA remount (destroy, then embed again)', async () => {
    const tab = await browser.openTab();
    await embedAndWait(tab, ['first']);
    const before = markNow(harness);
    await embedAndWait(tab, ['second']);
    await callBoard(tab, 'first', 'destroy');
    expect(await iframesOf(tab, 'first')).toBe(0);
    await embedAndWait(tab, ['first']);
    const after = witnessedSince(harness, before);
    expect(after).toMatchObject({ minted: 0, redemptions: 0, embedLoads: [`second ${ANA}`, `first ${ANA}`] });
    expect(after.ticketCalls.every((call) => call.answer.ticketId === undefined)).toBe(true);
  });

  it('mints exactly 1 ticket and makes 1 redemption for 4 dashboards mounted at once on a first visit', async () => {
    const tab = await browser.openTab();
    const ids = ['one', 'two', 'three', 'four'];
    await embedAndWait(tab, ids);
    const seen = witnessedSince(harness, start);
    expect(seen).toMatchObject({ minted: 1, redemptions: 1 });
    expect(seen.embedLoads.toSorted()).toEqual(ids.map((id) => `${id} ${ANA}`).toSorted());
  });

  it('recovers a lost session in 2 tabs of 2 dashboards each with exactly 1 ticket for the browser, every dashboard back with the user’s session', async () => {
    const [tabA, tabB] = [await browser.openTab(), await browser.openTab()];
    await embedAndWait(tabA, ['a1', 'a2']);
    await embedAndWait(tabB, ['b1', 'b2']);
    const before = markNow(harness);
    harness.emulator.endSessions();
    // Each lost page reports 401Error (the emulator's heartbeat, every 200 ms); each dashboard is back once it loaded again.
    const back = (id: string) => expect.poll(() => witnessedSince(harness, before).embedLoads.includes(`${id} ${ANA}`), PATIENCE).toBe(true);
    for (const id of ['a1', 'a2', 'b1', 'b2']) await back(id);
    await showing(tabA, ['a1', 'a2'], ANA);
    await showing(tabB, ['b1', 'b2'], ANA);
    const after = witnessedSince(harness, before);
    expect(after).toMatchObject({ minted: 1, redemptions: 1 });
    expect(after.embedLoads.filter((load) => !load.endsWith(ANA))).toEqual([]);
  });

  it('refuses a second identity on one page with SESSION_CONFLICT before redeeming: the first dashboard keeps its user, no page ever loads with the second’s session', async () => {
    const tab = await browser.openTab();
    await embedAndWait(tab, ['ana-board'], ANA, { ticketUrl: '/api/ticket?user=ana' });
    const before = markNow(harness);
    await mount(tab, browser.astratoUrl, ['bob-board'], { ticketUrl: '/api/ticket?user=bob' });
    await eventSeen(tab, /^bob-board:error:SESSION_CONFLICT:/);
    await eventSeen(tab, 'bob-board:ready:SESSION_CONFLICT');
    expect(await iframesOf(tab, 'bob-board')).toBe(0);
    const message = (await events(tab)).find((e) => e.startsWith('bob-board:error:'))!;
    // It says why, and names neither user nor any key.
    expect(message).toMatch(/user|identit/i);
    for (const secret of [ANA, BOB, ...witnessedSince(harness, start).ticketCalls.map((call) => String(call.answer.sessionKey))]) expect(message).not.toContain(secret);
    // The first keeps its user: its next load carries Ana's session.
    await callBoard(tab, 'ana-board', 'reload');
    await expect.poll(() => witnessedSince(harness, before).embedLoads, PATIENCE).toContain(`ana-board ${ANA}`);
    await showing(tab, ['ana-board'], ANA);
    const after = witnessedSince(harness, before);
    expect(after.redemptions).toBe(0);
    expect(after.embedLoads).toEqual([`ana-board ${ANA}`]);
  });

  it('redeems for another user on a return visit to the same browser (or the same user with other row-level parameters): never loads over the remembered session', async () => {
    const tab = await browser.openTab();
    await embedAndWait(tab, ['demo']);
    const anaKey = firstKey();
    for (const [user, email] of [['bob', BOB], ['ana-eu', ANA]] as const) {
      const before = markNow(harness);
      await tab.evaluate((name) => (document.cookie = `host_user=${name}; path=/`), user);
      await tab.reload();
      await embedAndWait(tab, ['demo'], email);
      const after = witnessedSince(harness, before);
      expect(after).toMatchObject({ minted: 1, redemptions: 1, embedLoads: [`demo ${email}`] });
      expect(after.ticketCalls[0]!.answer.sessionKey).not.toBe(anaKey);
    }
  });

  it('refuses one of two identities mounted at once on a first visit: one redemption, no page with the refused one’s session', async () => {
    const tab = await browser.openTab();
    await Promise.all([mount(tab, browser.astratoUrl, ['ana-board'], { ticketUrl: '/api/ticket?user=ana' }), mount(tab, browser.astratoUrl, ['bob-board'], { ticketUrl: '/api/ticket?user=bob' })]);
    await eventSeen(tab, /^(ana|bob)-board:error:SESSION_CONFLICT:/);
    const refused = (await events(tab)).find((e) => e.includes(':error:SESSION_CONFLICT'))!.split(':')[0]!;
    const [kept, email] = refused === 'bob-board' ? ['ana-board', ANA] : ['bob-board', BOB];
    await showing(tab, [kept], email);
    const seen = witnessedSince(harness, start);
    expect(seen.redemptions).toBe(1);
    expect(seen.embedLoads).toEqual([`${kept} ${email}`]);
    expect(await iframesOf(tab, refused)).toBe(0);
  });

  it('ends a dashboard in another tab with SESSION_CONFLICT when the host signs in another user there and embeds: it never loads with that user’s session', async () => {
    const [tabA, tabB] = [await browser.openTab(), await browser.openTab()];
    await embedAndWait(tabA, ['tab-a'], ANA);
    await tabB.evaluate(() => (document.cookie = 'host_user=bob; path=/'));
    await embedAndWait(tabB, ['tab-b'], BOB);
    await eventSeen(tabA, /^tab-a:error:SESSION_CONFLICT:/);
    await expect.poll(() => iframesOf(tabA, 'tab-a'), PATIENCE).toBe(0);
    const seen = witnessedSince(harness, start);
    expect(seen.embedLoads).toEqual([`tab-a ${ANA}`, `tab-b ${BOB}`]);
    expect(seen.minted).toBe(2);
    // Whether it left before Bob's cookie arrived is a race of its own: session-model-race.e2e.ts.
  });

  it('embeds for the next user after signOut() in the same tab, the ended dashboards left in place: they are not live, so no SESSION_CONFLICT', async () => {
    const tab = await browser.openTab();
    await embedAndWait(tab, ['before']);
    await tab.evaluate((astrato) => (window as unknown as { oemkit: typeof import('../src/index.js') }).oemkit.signOut({ baseUrl: astrato }), browser.astratoUrl);
    await expect.poll(() => iframesOf(tab, 'before'), PATIENCE).toBe(0);
    // The host signs Bob in without reloading the page (an SPA) and embeds his dashboard.
    await tab.evaluate(() => (document.cookie = 'host_user=bob; path=/'));
    await mount(tab, browser.astratoUrl, ['after']);
    await expect.poll(async () => (await events(tab)).filter((e) => e.startsWith('after:')).toSorted(), PATIENCE).toEqual(['after:load', 'after:ready']);
    await showing(tab, ['after'], BOB);
    expect(witnessedSince(harness, start).embedLoads).toEqual([`before ${ANA}`, `after ${BOB}`]);
  });

  it('signOut() in one tab ends every dashboard in both tabs, and nothing renews the session until the host embeds again', async () => {
    const [tabA, tabB] = [await browser.openTab(), await browser.openTab()];
    await embedAndWait(tabA, ['a1', 'a2']);
    await embedAndWait(tabB, ['b1', 'b2']);
    const before = markNow(harness);
    await tabA.evaluate((astrato) => (window as unknown as { oemkit: typeof import('../src/index.js') }).oemkit.signOut({ baseUrl: astrato }), browser.astratoUrl);
    await expect.poll(() => witnessedSince(harness, before).signOuts, PATIENCE).toBe(1);
    for (const [tab, id] of [[tabA, 'a1'], [tabA, 'a2'], [tabB, 'b1'], [tabB, 'b2']] as const) await expect.poll(() => iframesOf(tab, id), PATIENCE).toBe(0);
    expect(await rememberedSession(tabB, browser.astratoUrl)).toBeNull();
    // A marker round trip from each tab to the host: a renewal started before it would have asked for a ticket first.
    for (const tab of [tabA, tabB]) await tab.evaluate(() => fetch('/?marker').then((response) => response.text()));
    expect(witnessedSince(harness, before)).toMatchObject({ minted: 0, redemptions: 0, embedLoads: [], ticketCalls: [] });
    // The host embeds again: the first ticket since, asked without a remembered key.
    await embedAndWait(tabB, ['again']);
    const after = witnessedSince(harness, before);
    expect(after).toMatchObject({ minted: 1, redemptions: 1, embedLoads: [`again ${ANA}`] });
    expect(after.ticketCalls.map((call) => call.sessionKeyHeader)).toEqual([undefined]);
  });

  it('works with an older server answering { ticketId } only: a redemption on every visit, no key remembered or sent', async () => {
    const tab = await browser.openTab();
    await embedAndWait(tab, ['demo'], ANA, { ticketUrl: '/api/ticket-old' });
    expect((await rememberedSession(tab, browser.astratoUrl))?.k).toBeUndefined();
    await tab.reload();
    await embedAndWait(tab, ['demo'], ANA, { ticketUrl: '/api/ticket-old' });
    expect((await rememberedSession(tab, browser.astratoUrl))?.k).toBeUndefined();
    const seen = witnessedSince(harness, start);
    expect(seen).toMatchObject({ minted: 2, redemptions: 2, embedLoads: [`demo ${ANA}`, `demo ${ANA}`] });
    expect(seen.ticketCalls.map(({ sessionKeyHeader, answer }) => [sessionKeyHeader, Object.keys(answer)])).toEqual([
      [undefined, ['ticketId']],
      [undefined, ['ticketId']],
    ]);
  });

  it('loads a server-rendered return visit (initialTicket { ticketId, sessionKey }) with no request to the host endpoint and no redemption: 1 round trip to Astrato', async () => {
    const tab = await browser.openTab();
    await embedAndWait(tab, ['demo']);
    await tab.reload();
    // As the host's server renders the page: a ticket and its session key for the signed-in user.
    const input = setupInputOf('ana');
    const { ticket } = await harness.client.setup(input);
    const sessionKey = await harness.client.sessionKey(input);
    const before = markNow(harness);
    await embedAndWait(tab, ['demo'], ANA, { initialTicket: { ticketId: ticket, sessionKey } });
    expect(await fetchesTo(tab, '/api/ticket')).toBe(0);
    expect(witnessedSince(harness, before)).toMatchObject({ redemptions: 0, embedLoads: [`demo ${ANA}`], ticketCalls: [] });
  });
});

describe('the session model in Chromium, cross-site, with a partitioned cookie and third-party cookies blocked', () => {
  it('loads a return visit with no ticket and no redemption: the remembered key and the partitioned session agree', async () => {
    const partitioned = await startHarness({ sessionCookie: { sameSite: 'None', secure: true, partitioned: true } }, { https: true });
    const own = await openCrossSiteBrowser(partitioned);
    try {
      const tab = await own.context.newPage();
      await blockThirdPartyCookies(own.context, tab);
      await tab.goto(own.hostUrl);
      await mount(tab, own.astratoUrl, ['demo']);
      await showing(tab, ['demo'], ANA);
      const before = markNow(partitioned);
      await tab.reload();
      await mount(tab, own.astratoUrl, ['demo']);
      await showing(tab, ['demo'], ANA);
      const after = witnessedSince(partitioned, before);
      expect(after).toMatchObject({ minted: 0, redemptions: 0, embedLoads: [`demo ${ANA}`] });
      expect(after.ticketCalls.map((call) => Object.keys(call.answer))).toEqual([['sessionKey']]);
    } finally {
      await own.close();
      await partitioned.close();
    }
  });
});
