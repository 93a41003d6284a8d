/**
 * The browser's one Astrato session, driven in Node: a Map-backed `localStorage` shared as tabs
 * share it, a Web Locks stand-in that grants one holder at a time, and a ticket source that mints
 * numbered tickets for whichever user it is told. What a real browser does with it (cookies, tabs,
 * the iframe) is in e2e/session-model.e2e.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionConflictError } from '../../src/index.js';
import { forgetSession, holdSession, letGo, pageSessions, readSession, type SessionHolder, type SessionState } from '../../src/session/browser-session.js';
import type { TicketAnswer } from '@oemkit/schema/core';

const BASE = 'https://acme.astrato.io';
const NAME = `oemkit:session:${BASE}`;

let store: Map<string, string>;
let storageListeners: ((event: { key: string | null; newValue: string | null }) => void)[];

/** Stands in for the browser's globals; `locks: false` is a browser without Web Locks. */
function browser({ locks = true } = {}) {
  store = new Map();
  storageListeners = [];
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => store.get(key) ?? null,
    setItem: (key: string, value: string) => void store.set(key, value),
    removeItem: (key: string) => void store.delete(key),
  });
  vi.stubGlobal('addEventListener', (type: string, listener: (typeof storageListeners)[number]) => {
    if (type === 'storage' && !storageListeners.includes(listener)) storageListeners.push(listener);
  });
  vi.stubGlobal('navigator', locks ? { locks: lockManager() } : {});
}

/**
 * A Web Locks stand-in with what the session uses: exclusive locks granted one at a time per name,
 * shared locks granted while no exclusive one is held, and query() listing what is held.
 */
function lockManager() {
  type Entry = { name: string; mode: 'exclusive' | 'shared' };
  const held: Entry[] = [];
  const waiting: (() => boolean)[] = [];
  const pump = () => {
    for (let index = 0; index < waiting.length; ) (waiting[index]!() ? waiting.splice(index, 1) : index++);
  };
  return {
    request(name: string, optionsOrRun: object | (() => unknown), maybeRun?: () => unknown) {
      const [options, run] = (typeof optionsOrRun === 'function' ? [{}, optionsOrRun] : [optionsOrRun, maybeRun!]) as [{ mode?: Entry['mode'] }, () => unknown];
      const mode: Entry['mode'] = options.mode ?? 'exclusive';
      return new Promise((resolve, reject) => {
        const tryGrant = () => {
          const busy = held.some((entry) => entry.name === name && (mode === 'exclusive' || entry.mode === 'exclusive'));
          if (busy) return false;
          const entry = { name, mode };
          held.push(entry);
          Promise.resolve()
            .then(run)
            .then(resolve, reject)
            .finally(() => {
              held.splice(held.indexOf(entry), 1);
              pump();
            });
          return true;
        };
        if (!tryGrant()) waiting.push(tryGrant);
      });
    },
    query: async () => ({ held: held.map(({ name, mode }) => ({ name, mode })) }),
    /** How many requests wait for a lock: the test's barrier. */
    waiting: () => waiting.length,
  };
}

/** What another tab writing the shared storage looks like to this one. */
function otherTabWrites(value: SessionState | null) {
  if (value) store.set(NAME, JSON.stringify(value));
  else store.delete(NAME);
  for (const listener of storageListeners) listener({ key: NAME, newValue: value && JSON.stringify(value) });
}

/** A host backend for `user`: keys are per user, tickets numbered; `minted` counts them. */
function backend() {
  const calls: { user: string; key?: string | undefined }[] = [];
  const redeemed: string[] = [];
  let minted = 0;
  const keyOf = (user: string) => `v1.key-of-${user}`;
  const ask = (user: string) => async (key?: string): Promise<TicketAnswer> => {
    calls.push({ user, key });
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (key === keyOf(user)) return { sessionKey: key };
    return { ticketId: `t${++minted}-${user}`, sessionKey: keyOf(user) };
  };
  const redeem = async (answer: TicketAnswer) => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    redeemed.push(answer.ticketId!);
    return answer.sessionKey;
  };
  return { calls, redeemed, ask, redeem, keyOf, minted: () => minted };
}

/** A dashboard as the session sees it; ending it lets go of its session, as embedDashboard's does. */
function holder(base = BASE): SessionHolder & { ended: (SessionConflictError | undefined)[] } {
  const ended: (SessionConflictError | undefined)[] = [];
  const dashboard: SessionHolder & { ended: typeof ended } = { b: base, ended, end: (error) => (ended.push(error), letGo(dashboard)) };
  return dashboard;
}

/** A dashboard's start, as embedDashboard makes it. */
const start = (dashboard: SessionHolder, ask: (key?: string) => Promise<TicketAnswer>, redeem: (answer: TicketAnswer) => Promise<string | undefined>) =>
  holdSession(dashboard, undefined, false, ask, redeem);

beforeEach(() => browser());
afterEach(() => {
  pageSessions().h.clear();
  vi.unstubAllGlobals();
});

describe('the browser session: tickets', () => {
  it('redeems once for four dashboards started at once on a first visit, the other three asking with its key', async () => {
    const host = backend();
    const states = await Promise.all([1, 2, 3, 4].map(() => start(holder(), host.ask('ana'), host.redeem)));
    expect(host.minted()).toBe(1);
    expect(host.redeemed).toEqual(['t1-ana']);
    expect(states.map((state) => state.k)).toEqual(Array(4).fill(host.keyOf('ana')));
    expect(JSON.parse(store.get(NAME)!)).toEqual({ k: host.keyOf('ana'), g: 1 });
  });

  it('loads a return visit with no ticket and no redemption when the server confirms the remembered key', async () => {
    const host = backend();
    store.set(NAME, JSON.stringify({ k: host.keyOf('ana'), g: 7 }));
    const state = await start(holder(), host.ask('ana'), host.redeem);
    expect(state).toEqual({ k: host.keyOf('ana'), g: 7 });
    expect(host.calls).toEqual([{ user: 'ana', key: host.keyOf('ana') }]);
    expect(host.redeemed).toEqual([]);
  });

  it('redeems the ticket a remembered key of another user brought back, without asking twice', async () => {
    const host = backend();
    store.set(NAME, JSON.stringify({ k: host.keyOf('bob'), g: 3 }));
    const state = await start(holder(), host.ask('ana'), host.redeem);
    expect(host.calls).toHaveLength(1);
    expect(host.redeemed).toEqual(['t1-ana']);
    expect(state).toEqual({ k: host.keyOf('ana'), g: 4 });
  });

  it('redeems first and remembers no key when the server answers a ticket alone (an older server)', async () => {
    const redeemed: string[] = [];
    const state = await start(holder(), async () => ({ ticketId: 'old-1' }), async (answer) => (redeemed.push(answer.ticketId!), answer.sessionKey));
    expect(redeemed).toEqual(['old-1']);
    expect(state).toEqual({ g: 1 });
    expect(readSession(BASE)?.k).toBeUndefined();
  });

  it('serialises first visits with a page-local queue where Web Locks are missing', async () => {
    browser({ locks: false });
    const host = backend();
    await Promise.all([1, 2, 3].map(() => start(holder(), host.ask('ana'), host.redeem)));
    expect(host.minted()).toBe(1);
  });

  it('shares one session among the page’s live dashboards but remembers nothing for the next page where storage throws', async () => {
    vi.stubGlobal('localStorage', {
      getItem() {
        throw new Error('SecurityError');
      },
      setItem() {
        throw new Error('SecurityError');
      },
    });
    const host = backend();
    const first = holder();
    await start(first, host.ask('ana'), host.redeem);
    await start(holder(), host.ask('ana'), host.redeem);
    expect(host.redeemed).toEqual(['t1-ana']);
    // The page is gone (every dashboard let go): the next page redeems first.
    for (const dashboard of [...pageSessions().h]) letGo(dashboard);
    await vi.waitFor(async () => expect((await navigator.locks.query()).held).toEqual([]));
    await start(holder(), host.ask('ana'), host.redeem);
    expect(host.redeemed).toEqual(['t1-ana', 't2-ana']);
  });
});

describe('the browser session: lost sessions', () => {
  it('costs one ticket for every dashboard of two tabs that report it lost', async () => {
    const host = backend();
    const dashboards = [holder(), holder(), holder(), holder()];
    const held = await Promise.all(dashboards.map((dashboard) => start(dashboard, host.ask('ana'), host.redeem)));
    const after = await Promise.all(dashboards.map((dashboard, index) => holdSession(dashboard, held[index], true, host.ask('ana'), host.redeem)));
    expect(host.minted()).toBe(2);
    expect(host.redeemed).toEqual(['t1-ana', 't2-ana']);
    expect(after.map((state) => state.g)).toEqual([2, 2, 2, 2]);
    // The forced ask carries no key: the server must mint, whatever it would have confirmed.
    expect(host.calls.filter((call) => call.key === undefined)).toHaveLength(2);
  });

  it('reloads over another tab’s renewal that this tab’s storage does not show yet: the lock manager knows the live sessions', async () => {
    const host = backend();
    const [inTabA, inTabB] = [holder(), holder()];
    const [heldA, heldB] = [await start(inTabA, host.ask('ana'), host.redeem), await start(inTabB, host.ask('ana'), host.redeem)];
    await holdSession(inTabA, heldA, true, host.ask('ana'), host.redeem);
    // Tab B's copy of localStorage still says generation 1 (other tabs' writes arrive later).
    store.set(NAME, JSON.stringify(heldB));
    const state = await holdSession(inTabB, heldB, true, host.ask('ana'), host.redeem);
    expect(state).toEqual({ k: host.keyOf('ana'), g: 2 });
    expect(host.minted()).toBe(2);
  });

  it('redeems another user’s ticket only once every dashboard of the old key has let go of it', async () => {
    const host = backend();
    const anaTab = holder();
    await start(anaTab, host.ask('ana'), host.redeem);
    pageSessions().h.clear(); // Ana's dashboard is in another tab: not this page's, so no conflict; its lock stays.
    const order: string[] = [];
    const bobTab = holder();
    const bob = holdSession(bobTab, undefined, false, host.ask('bob'), async (answer) => (order.push('redeemed'), host.redeem(answer)));
    // The mark is written, and Bob's redemption waits for Ana's lock.
    await vi.waitFor(() => expect((navigator as unknown as { locks: { waiting(): number } }).locks.waiting()).toBe(1));
    expect(readSession(BASE)).toEqual({ g: 2 });
    expect(order).toEqual([]);
    order.push('ana ended');
    anaTab.end(new SessionConflictError());
    await bob;
    expect(order).toEqual(['ana ended', 'redeemed']);
  });

  it('forces a ticket even when the generation moved, if the key it moved to is not this dashboard’s', async () => {
    const host = backend();
    const dashboard = holder();
    const held = await start(dashboard, host.ask('ana'), host.redeem);
    store.set(NAME, JSON.stringify({ k: host.keyOf('bob'), g: 5 }));
    pageSessions().h.clear();
    const state = await holdSession(dashboard, held, true, host.ask('ana'), host.redeem);
    expect(state).toEqual({ k: host.keyOf('ana'), g: 6 });
    expect(host.redeemed).toEqual(['t1-ana', 't2-ana']);
  });

  it('keeps no key when the redemption fails, so nothing later loads over a session it did not make', async () => {
    const host = backend();
    store.set(NAME, JSON.stringify({ k: host.keyOf('bob'), g: 2 }));
    const refused = new Error('ticket refused');
    await expect(holdSession(holder(), undefined, false, host.ask('ana'), () => Promise.reject(refused))).rejects.toBe(refused);
    expect(readSession(BASE)).toEqual({ g: 3 });
  });
});

describe('the browser session: identities', () => {
  it('refuses a second user on the same page with SESSION_CONFLICT and keeps the first user’s session', async () => {
    const host = backend();
    await start(holder(), host.ask('ana'), host.redeem);
    const refused = await start(holder(), host.ask('bob'), host.redeem).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SessionConflictError);
    expect((refused as SessionConflictError).code).toBe('SESSION_CONFLICT');
    expect(host.redeemed).toEqual(['t1-ana']);
    expect(readSession(BASE)).toEqual({ k: host.keyOf('ana'), g: 1 });
  });

  it('refuses the second of two users started at once on a fresh page, whichever the lock lets in first', async () => {
    const host = backend();
    const results = await Promise.allSettled([start(holder(), host.ask('ana'), host.redeem), start(holder(), host.ask('bob'), host.redeem)]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(SessionConflictError);
    expect(host.redeemed).toEqual(['t1-ana']);
  });

  it('does not load over a remembered session that another user’s redemption is replacing while the server confirmed it', async () => {
    const host = backend();
    store.set(NAME, JSON.stringify({ k: host.keyOf('ana'), g: 1 }));
    let confirm!: () => void;
    const confirmed = new Promise<void>((resolve) => (confirm = resolve));
    const slowAna = async (key?: string): Promise<TicketAnswer> => {
      await confirmed;
      return host.ask('ana')(key);
    };
    const ana = start(holder(), slowAna, host.redeem).catch((error: unknown) => error);
    // Bob's dashboard on the same page gets its ticket and starts redeeming while Ana's confirmation is in flight.
    let redeeming!: () => void;
    const bob = start(holder(), host.ask('bob'), async (answer) => {
      confirm();
      await new Promise<void>((resolve) => (redeeming = resolve));
      return host.redeem(answer);
    });
    await vi.waitFor(() => expect(redeeming).toBeTypeOf('function'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    redeeming();
    await bob;
    expect(await ana).toBeInstanceOf(SessionConflictError);
    expect(readSession(BASE)).toEqual({ k: host.keyOf('bob'), g: 2 });
  });

  it('ends the dashboards of a tab whose session another tab gave to another user, with SESSION_CONFLICT', async () => {
    const host = backend();
    const dashboard = holder();
    await start(dashboard, host.ask('ana'), host.redeem);
    otherTabWrites({ k: host.keyOf('bob'), g: 2, p: 1 });
    expect(dashboard.ended).toHaveLength(1);
    expect(dashboard.ended[0]).toBeInstanceOf(SessionConflictError);
  });

  it('leaves the dashboards of a tab alone when another tab renewed the same key', async () => {
    const host = backend();
    const dashboard = holder();
    await start(dashboard, host.ask('ana'), host.redeem);
    otherTabWrites({ k: host.keyOf('ana'), g: 2, p: 1 });
    otherTabWrites({ k: host.keyOf('ana'), g: 2 });
    expect(dashboard.ended).toEqual([]);
  });
});

describe('the browser session: sign-out', () => {
  it('forgets the session and ends every dashboard of that origin in this tab, silently', async () => {
    const host = backend();
    const here = [holder(), holder()];
    const elsewhere = holder('https://other.astrato.io');
    for (const dashboard of here) await start(dashboard, host.ask('ana'), host.redeem);
    pageSessions().h.add(elsewhere);
    forgetSession(BASE);
    expect(store.has(NAME)).toBe(false);
    expect(here.map((dashboard) => dashboard.ended)).toEqual([[undefined], [undefined]]);
    expect(elsewhere.ended).toEqual([]);
  });

  it('ends the dashboards of another tab when its storage loses the session', async () => {
    const host = backend();
    const dashboard = holder();
    await start(dashboard, host.ask('ana'), host.redeem);
    otherTabWrites(null);
    expect(dashboard.ended).toEqual([undefined]);
  });
});

// Red team of issue 17: each test fails on s17browser at e047562 and names the guarantee it breaks.
describe('the browser session: red team', () => {
  /** A redemption the test lets answer when it says. */
  function heldRedemption(host: ReturnType<typeof backend>) {
    let answer!: () => void;
    const started = new Promise<void>((resolve) => {
      host.redeem = async (redeemed) => {
        resolve();
        await new Promise<void>((release) => (answer = release));
        host.redeemed.push(redeemed.ticketId!);
        return redeemed.sessionKey;
      };
    });
    return { started, answer: () => answer() };
  }

  it('does not bring back a session that sign-out forgot while its redemption was under way', async () => {
    const host = backend();
    const redemption = heldRedemption(host);
    const dashboard = holder();
    const starting = start(dashboard, host.ask('ana'), (answer) => host.redeem(answer)).catch((error: unknown) => error);
    await redemption.started;
    forgetSession(BASE); // signOut(): the user left while the dashboard was redeeming
    redemption.answer();
    await starting;
    // Nothing may remember Ana's session after her sign-out, and no dashboard may be live with it.
    expect(readSession(BASE)).toBeNull();
    expect(pageSessions().h.has(dashboard)).toBe(false);
  });

  it('mints nothing for a return visit whose confirmation was in flight when sign-out forgot the session', async () => {
    const host = backend();
    store.set(NAME, JSON.stringify({ k: host.keyOf('ana'), g: 1 }));
    let confirm!: () => void;
    const confirmed = new Promise<void>((resolve) => (confirm = resolve));
    const ask = async (key?: string) => {
      const answer = host.ask('ana')(key);
      await confirmed;
      return answer;
    };
    const starting = start(holder(), ask, host.redeem).catch((error: unknown) => error);
    await vi.waitFor(() => expect(host.calls).toHaveLength(1));
    forgetSession(BASE);
    confirm();
    await starting;
    // Before the fix: the lost confirmation sends the dashboard to the lock, which asks without a
    // key, mints and redeems a fresh 7-day session for the user who just signed out.
    expect(host.minted()).toBe(0);
    expect(host.redeemed).toEqual([]);
    expect(readSession(BASE)).toBeNull();
  });

  it('redeems nothing for a first visit whose ticket request was in flight when another tab signed out', async () => {
    const host = backend();
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const ask = async (key?: string) => {
      const ticket = host.ask('ana')(key);
      await answered;
      return ticket;
    };
    const starting = start(holder(), ask, host.redeem).catch((error: unknown) => error);
    await vi.waitFor(() => expect(host.calls).toHaveLength(1));
    otherTabWrites({ k: host.keyOf('ana'), g: 1 });
    otherTabWrites(null); // another tab's signOut(): no dashboard of this tab is live yet
    answer();
    await starting;
    expect(host.redeemed).toEqual([]);
    expect(readSession(BASE)).toBeNull();
  });

  it('refuses a ticket without a key beside a live dashboard that holds one (a bare getTicket string, an older endpoint)', async () => {
    const host = backend();
    const ana = holder();
    await start(ana, host.ask('ana'), host.redeem);
    // Another dashboard of the page gets Bob's ticket from a source that names no session.
    const legacyBob = async (): Promise<TicketAnswer> => ({ ticketId: 'legacy-bob' });
    const refused = await start(holder(), legacyBob, host.redeem).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SessionConflictError);
    expect(host.redeemed).toEqual(['t1-ana']);
    expect(ana.ended).toEqual([]);
  });

  it('ignores a remembered session whose key could not be sent as a header, and keeps generations numbers', async () => {
    const host = backend();
    const sent: (string | undefined)[] = [];
    // fetch() throws a TypeError for a header value outside ISO-8859-1, as for a newline.
    const ask = (key?: string) => {
      sent.push(key);
      if (key !== undefined && /[^\x20-\x7e]/.test(key)) return Promise.reject(new TypeError('Invalid header value'));
      return host.ask('ana')(key);
    };
    store.set(NAME, JSON.stringify({ k: 'v1.ü', g: 1 }));
    await expect(start(holder(), ask, host.redeem)).resolves.toMatchObject({ k: host.keyOf('ana') });
    pageSessions().h.clear();
    store.set(NAME, JSON.stringify({ k: 'x', g: '1e999' }));
    const state = await start(holder(), ask, host.redeem);
    expect(Number.isSafeInteger(state.g)).toBe(true);
    expect(sent.filter((key) => key !== undefined && !/^[\w.~-]{1,128}$/.test(key))).toEqual([]);
  });

  it('refuses a second user on a page that bundles two copies of the package (micro-frontends)', async () => {
    const host = backend();
    const ana = holder();
    await start(ana, host.ask('ana'), host.redeem);
    // A second bundle's copy of the module: its own `holders`, the same page, the same storage.
    vi.resetModules();
    const copy = await import('../../src/session/browser-session.js');
    expect(copy.holdSession).not.toBe(holdSession);
    let settled = false;
    const bob = copy.holdSession(holder(), undefined, false, host.ask('bob'), host.redeem).catch((error: unknown) => ((settled = true), error));
    const locks = navigator.locks as unknown as { waiting(): number };
    // Refused, or (before the fix) marked and waiting for Ana's lock: no storage event ends a
    // dashboard of the same document, so in a browser it redeems over her after 3 s.
    await vi.waitFor(() => expect(settled || locks.waiting() > 0).toBe(true));
    expect(readSession(BASE)).toEqual({ k: host.keyOf('ana'), g: 1 });
    ana.end();
    // The copy's error class may be a copy too: its stable code is what counts.
    expect(await bob).toMatchObject({ code: 'SESSION_CONFLICT' });
  });

  it('marks nothing for an answer with no ticket whose key is not the one it asked with', async () => {
    const host = backend();
    const ana = holder();
    await start(ana, host.ask('ana'), host.redeem);
    pageSessions().h.clear(); // Ana's dashboard is in another tab: its storage event is what would end it.
    // A hand-written endpoint that answers { sessionKey } for any header, without comparing.
    const careless = async (): Promise<TicketAnswer> => ({ sessionKey: host.keyOf('bob') });
    const locks = navigator.locks as unknown as { waiting(): number };
    let settled = false;
    const refused = start(holder(), careless, host.redeem).catch((error: unknown) => ((settled = true), error));
    // Settled, or (before the fix) marked and waiting for Ana's tab to let go of her session.
    await vi.waitFor(() => expect(settled || locks.waiting() > 0).toBe(true));
    // Nothing was redeemed, so nothing changed: Ana's tab keeps her session and the page its key.
    expect(readSession(BASE)).toEqual({ k: host.keyOf('ana'), g: 1 });
    ana.end();
    expect(await refused).toBeInstanceOf(Error);
  });

  it('lets a return visit wait while another tab redeems: its storage may not show that tab’s mark yet', async () => {
    const host = backend();
    // Tab A's copy of localStorage still shows Ana's key; tab B holds the session's lock and is
    // redeeming Bob's ticket (its mark has not reached tab A).
    store.set(NAME, JSON.stringify({ k: host.keyOf('ana'), g: 1 }));
    let bobRedeemed!: () => void;
    void navigator.locks.request(NAME, () => new Promise<void>((resolve) => (bobRedeemed = resolve)));
    const locks = navigator.locks as unknown as { waiting(): number };
    const tabA = start(holder(), host.ask('ana'), host.redeem);
    // Before the fix tab A loads over the session tab B is replacing, without ever asking the lock.
    await vi.waitFor(() => expect(locks.waiting()).toBe(1), { timeout: 500 });
    store.set(NAME, JSON.stringify({ k: host.keyOf('bob'), g: 2 }));
    bobRedeemed();
    await expect(tabA).resolves.toMatchObject({ k: host.keyOf('ana'), g: 3 });
  });
});
