/**
 * The session model (issue 17) in Chromium, cross-site, for who may hold the session: two
 * identities on one page, another user at the same browser, sign-out in every tab, and the next
 * user after it. The witness that matters is the emulator's call log: no embed-page load ever
 * carries a session made for another user than the one its dashboard was embedded for.
 */
import { describe, expect, it } from 'vitest';
import { ANA, BOB, browser, embedAndWait, eventSeen, firstKey, harness, start, useSessionBrowser } from './support/session-browser.js';
import { markNow, witnessedSince } from './support/session-witness.js';
import { callBoard, events, iframesOf, mount, PATIENCE, rememberedSession, showing } from './support/tab-dashboards.js';

useSessionBrowser();

describe('who holds the session, in Chromium, cross-site', () => {
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
});
