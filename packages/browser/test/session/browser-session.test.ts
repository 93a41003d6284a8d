/**
 * The browser's one Astrato session, driven in Node: a Map-backed `localStorage` shared as tabs
 * share it, a Web Locks stand-in that grants one holder at a time, and a ticket source that mints
 * numbered tickets for whichever user it is told. What a real browser does with it (cookies, tabs,
 * the iframe) is in e2e/session-model.e2e.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionConflictError } from '../../src/index.js';
import { forgetSession, holders, holdSession, readSession, type SessionHolder, type SessionState } from '../../src/session/browser-session.js';
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
  let queue = Promise.resolve();
  const request = (_name: string, run: () => Promise<unknown>) => {
    const granted = queue.then(run);
    queue = granted.then(
      () => {},
      () => {},
    );
    return granted;
  };
  vi.stubGlobal('navigator', locks ? { locks: { request } } : {});
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

function holder(): SessionHolder & { ended: (SessionConflictError | undefined)[] } {
  const ended: (SessionConflictError | undefined)[] = [];
  return { b: BASE, ended, end: (error) => void ended.push(error) };
}

/** A dashboard's start, as embedDashboard makes it. */
const start = (dashboard: SessionHolder, ask: (key?: string) => Promise<TicketAnswer>, redeem: (answer: TicketAnswer) => Promise<string | undefined>) =>
  holdSession(dashboard, undefined, false, ask, redeem);

beforeEach(() => browser());
afterEach(() => {
  holders.clear();
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

  it('remembers nothing, and redeems every time, where storage throws', async () => {
    vi.stubGlobal('localStorage', {
      getItem() {
        throw new Error('SecurityError');
      },
      setItem() {
        throw new Error('SecurityError');
      },
    });
    const host = backend();
    await start(holder(), host.ask('ana'), host.redeem);
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

  it('forces a ticket even when the generation moved, if the key it moved to is not this dashboard’s', async () => {
    const host = backend();
    const dashboard = holder();
    const held = await start(dashboard, host.ask('ana'), host.redeem);
    store.set(NAME, JSON.stringify({ k: host.keyOf('bob'), g: 5 }));
    holders.clear();
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
    const elsewhere = { ...holder(), b: 'https://other.astrato.io' };
    for (const dashboard of here) await start(dashboard, host.ask('ana'), host.redeem);
    holders.add(elsewhere);
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
