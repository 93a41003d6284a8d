/**
 * The session model (issue 17) in Chromium, cross-site, for one user: what a return visit, more
 * dashboards, a remount, a first visit with several dashboards and a lost session cost, an older
 * server, server rendering, and a partitioned cookie. The host on http://host.test, Astrato's
 * emulator on https://astrato.test (support/session-browser.ts); the witnesses are the emulator's
 * call log (tickets minted, redemptions, and whose session each embed-page load carried) and the
 * host's ticket log. Who may hold the session: session-identity.e2e.ts.
 */
import { describe, expect, it } from 'vitest';
import { blockThirdPartyCookies, openCrossSiteBrowser } from './support/cross-site-browser.js';
import { startHarness } from './support/host-harness.js';
import { setupInputOf } from './support/host-users.js';
import { ANA, browser, embedAndWait, firstKey, harness, start, useSessionBrowser } from './support/session-browser.js';
import { markNow, witnessedSince } from './support/session-witness.js';
import { callBoard, fetchesTo, iframesOf, mount, PATIENCE, rememberedSession, showing } from './support/tab-dashboards.js';

useSessionBrowser();

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
