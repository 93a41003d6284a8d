/**
 * One Astrato session per browser and Astrato origin, shared by every dashboard of every tab: what
 * the page remembers of it, the lock that lets one dashboard at a time redeem, and the dashboards
 * that hold it.
 *
 * The server derives an opaque session key from everything that decides what a session may see
 * (the user, the groups, the row-level parameters: `AstratoClient.sessionKey`), and answers it
 * beside each ticket. The page keeps `{ k: key, g: generation }` in `localStorage` under
 * `oemkit:session:<origin>`; the generation moves with every redemption. A dashboard that finds a
 * key sends it with its ticket request, and the server answers with no ticket when it is still the
 * key it would give this user: the dashboard loads over the live session. Anything else (no key, an
 * older server that answers none, no storage) redeems first, as without this.
 *
 * @module
 */
import { SessionConflictError, ValidationError } from '@oemkit/schema/errors';
import { isSessionKey, type TicketAnswer } from '@oemkit/schema/core';


/**
 * @internal What the page remembers of an Astrato origin's session: its key `k` (missing when the
 * server gave none) and generation `g`; `p` marks a redemption under way, whose key is not yet the
 * session's.
 */
export type SessionState = { k?: string | undefined; g: number; p?: 1 };

/** @internal A live dashboard, as the session sees it: its origin, the key it loaded with, and how to end it. */
export interface SessionHolder {
  b: string;
  k?: string | undefined;
  /** The shared lock it holds while it shows a session (`n`), and how to let go of it (`r`). */
  n?: string | undefined;
  r?: (() => void) | undefined;
  /** Removes the iframe and stops renewing; `error` says why, when it is not the host's own sign-out. */
  end(error?: SessionConflictError): void;
}

/** What the page knows of its sessions: live dashboards `h`, sign-outs per origin `s`, fallback queues `q`. */
type PageSessions = { h: Set<SessionHolder>; s: Record<string, number>; q: Record<string, Promise<unknown>> };

/**
 * @internal One page, one session, however many copies of this module the page bundles
 * (micro-frontends each ship their own): what it knows lives on the page, under a registered
 * symbol. Made on first use, not on import: an import with an effect would ship this module in
 * every entry of the package (the codec's too), and a server rendering the page imports it as well.
 */
export const pageSessions = (): PageSessions => ((globalThis as { [key: symbol]: PageSessions })[Symbol.for('oemkit.session')] ??= { h: new Set(), s: {}, q: {} });

const name = (base: string) => `oemkit:session:${base}`;
// Storage that throws (sandboxed or private windows, a full quota) remembers nothing: every load
// redeems first, which is always safe.
const storage = (run: (store: Storage) => unknown) => {
  try {
    return run(localStorage);
  } catch {}
};

/** @internal The session the page remembers for `base`, if any; one being redeemed has no key yet. */
export const readSession = (base: string) =>
  storage((store) => {
    const state = JSON.parse(store.getItem(name(base))!) as SessionState | null;
    // Written by page script or a corrupt write: a key that is no key, a generation that is no count, is nothing remembered.
    return Number.isSafeInteger(state?.g) && isSessionKey(state!.k ?? '_') ? (state!.p ? { g: state!.g } : state) : null;
  }) as SessionState | null | undefined;

const writeSession = (base: string, state?: SessionState) =>
  storage((store) => (state ? store.setItem(name(base), JSON.stringify(state)) : store.removeItem(name(base))));

/**
 * @internal Forgets `base`'s session in every tab and ends every dashboard holding it: the
 * `storage` event carries the removal to the other tabs.
 */
export function forgetSession(base: string): void {
  const { s: signedOut, h: holders } = pageSessions();
  signedOut[name(base)] = -~signedOut[name(base)]!;
  writeSession(base);
  holders.forEach((holder) => holder.b === base && holder.end());
}

// Other tabs: a session forgotten ends every dashboard of its origin; one replaced by a session of
// another key ends those that hold the old one, before their iframe can ask anything of it. A
// renewal of the same key (another tab recovered) changes nothing here.
const onStorage = ({ key, newValue }: StorageEvent) =>
  // A removal is a sign-out for starts under way too, before any dashboard of this tab is live.
  (newValue === null && (pageSessions().s[key!] = -~pageSessions().s[key!]!),
  pageSessions().h.forEach((holder) => {
    if (key !== name(holder.b)) return;
    if (newValue === null) return holder.end();
    if (storage(() => (JSON.parse(newValue) as SessionState).k) !== holder.k) holder.end(new SessionConflictError('another tab gave the Astrato session to a different user or setup'));
  }));

/** @internal The dashboard no longer shows a session: its shared lock is let go, and it is no longer live. */
export function letGo(holder: SessionHolder): void {
  holder.r?.();
  holder.n = holder.r = undefined;
  pageSessions().h.delete(holder);
}

// Every live dashboard holds a shared lock named `<name> <key> <generation>` until it ends. The
// lock manager, unlike localStorage (whose writes reach other tabs a moment later), tells a tab
// that has just taken the session's lock which sessions are live in every tab; and a redemption
// for another key waits until every tab has let go of the old one (a storage event ends them).
const liveSessions = async (base: string) => (await heldLocks()).map((lock) => lock.split(' ')).filter(([prefix]) => prefix === name(base));

/** The names of the locks held in every tab of this origin's pages (none without Web Locks). */
const heldLocks = async () => ((await navigator.locks?.query())?.held ?? []).map((lock) => lock.name!);

// Without Web Locks (a page that is no secure context, older browsers), one redemption at a time in
// this page; tabs then rely on the generation alone.
const exclusive = <T>(base: string, run: () => Promise<T>, queues = pageSessions().q): Promise<T> =>
  navigator.locks ? (navigator.locks.request(name(base), run) as Promise<T>) : ((queues[base] = (queues[base] ?? Promise.resolve()).then(run, run)) as Promise<T>);

/**
 * @internal Makes sure this browser holds a session for `holder`'s user and returns the state it
 * loads with. `held` is what the dashboard loaded with last; `forced` says Astrato reported that
 * session lost. `ask(key)` asks the ticket source (with the remembered key, or none to force a
 * ticket); `redeem(answer)` redeems its ticket and resolves the key of the ticket it redeemed.
 *
 * @throws `SessionConflictError` when the ticket is for a key other than one a live dashboard of
 *   this page holds (two identities on one page: the first keeps its user), and whatever the
 *   source or the redemption throws.
 */
export async function holdSession(
  holder: SessionHolder,
  held: SessionState | undefined,
  forced: boolean,
  ask: (key?: string) => Promise<TicketAnswer>,
  redeem: (answer: TicketAnswer) => Promise<string | undefined>,
): Promise<SessionState> {
  const { b: base } = holder;
  const { h: holders, s: signedOut } = pageSessions();
  // Here rather than on import: a server rendering the page imports this module too. Added once.
  addEventListener('storage', onStorage);
  // Registered before the session's lock is let go, so the next dashboard's conflict check sees
  // this one, and its shared lock granted by then, so the next tab's query does.
  const hold = async (state: SessionState) => {
    const live = `${name(base)} ${state.k} ${state.g}`;
    holder.k = state.k;
    holders.add(holder);
    if (navigator.locks && state.k && holder.n !== live) {
      holder.r?.();
      holder.n = live;
      const release = await new Promise<() => void>((granted) => navigator.locks.request(live, { mode: 'shared' }, () => new Promise<void>((release) => granted(release))));
      // Ended meanwhile (a storage event): let go at once.
      if (holder.n === live) holder.r = release;
      else release();
    }
    return state;
  };
  const epoch = signedOut[name(base)];
  // Signed out since this start began (here or in another tab): it ends, and remembers nothing.
  const over = () => signedOut[name(base)] !== epoch && (holder.end(), true);
  const remembered = readSession(base);
  let answer: TicketAnswer | undefined;
  // A remembered key lets every dashboard ask at once: the server mints nothing while it is still
  // this user's, and the dashboard loads without a redemption. Read again after the answer: a
  // redemption under way meanwhile (marked before it starts) sends this one to the lock.
  if (remembered?.k && !forced && (answer = await ask(remembered.k)).sessionKey === remembered.k && readSession(base)?.k === remembered.k) {
    if (over()) return { g: 0 };
    // Another tab may be redeeming for another key, its mark not yet in this tab's storage: the
    // lock manager knows; that start takes its turn at the lock instead.
    if (!(await heldLocks()).includes(name(base))) return hold(remembered);
  }
  return exclusive(base, async () => {
    if (over()) return { g: 0 };
    const live = await liveSessions(base);
    let now = readSession(base);
    // The newest session a live dashboard of any tab holds, which storage may not show yet.
    for (const [, k, g] of live) if (+g! > (now?.g ?? 0)) now = { k, g: +g! };
    // A recovery another dashboard or tab made since this one loaded, of this same key: load over it.
    if (forced ? now?.k && now.k === held?.k && now.g !== held.g : now?.k && now.k === answer?.sessionKey) return hold(now!);
    // Asked without a key, or before another dashboard remembered a new one: ask (again) with it.
    if (forced || !answer || now?.k !== remembered?.k) {
      answer = await ask(forced ? undefined : now?.k);
      if (over()) return { g: 0 };
      if (!forced && now?.k && answer.sessionKey === now.k) return hold(now);
    }
    const key = answer.sessionKey;
    // An answer with no ticket for a key this dashboard did not ask with: nothing to redeem, so nothing is marked.
    if (!answer.ticketId) throw new ValidationError('ticket', [{ path: ['ticket'], message: 'missing: the answer confirms a session key this page did not send' }]);
    holders.forEach((other) => {
      // A ticket that names no key is no proof either: refused beside a dashboard that holds one.
      if (other !== holder && other.b === base && other.k && other.k !== key) {
        throw new SessionConflictError();
      }
    });
    const g = (now?.g ?? 0) + 1;
    // Marked first, as under way: tabs holding another key end their dashboards before the
    // redemption replaces the session, and one that fails leaves no key to load over.
    writeSession(base, { k: key, g, p: 1 });
    // This dashboard's own hold is over either way; every other tab's of another key ends on that
    // mark: wait for it (a tab that never answers, at most 3 s), so no iframe outlives its session.
    holder.r?.();
    holder.n = undefined;
    for (const [prefix, old, oldG] of await liveSessions(base)) {
      if (key && old !== key) await navigator.locks.request(`${prefix} ${old} ${oldG}`, { signal: AbortSignal.timeout?.(3e3) }, () => {}).catch(() => {});
    }
    const next = { k: await redeem(answer), g };
    // A sign-out in another tab removed the mark; its storage event may not have reached this one yet.
    if (over() || storage((store) => store.getItem(name(base))) === null) return holder.end(), next;
    writeSession(base, next);
    return hold(next);
  });
}
