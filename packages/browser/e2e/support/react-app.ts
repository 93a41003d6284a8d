/**
 * The React app the Chromium tests drive, bundled with React 18 or 19 (see
 * test/support/react-versions.ts) and injected into the host page. It renders `<AstratoDashboard>`
 * (or a component using `useAstratoDashboard`) with the props a test passes, in StrictMode unless
 * told otherwise. Every callback is a new function on every render and logs which render made it,
 * so a test can tell the latest callback ran.
 */
import { createElement, createRef, StrictMode, Suspense, useEffect, version } from 'react';
import { createRoot, hydrateRoot, type Root } from 'react-dom/client';
import type { EmbeddedDashboard } from '../../src/index.js';
import { AstratoDashboard, useAstratoDashboard, type AstratoDashboardProps } from '../../src/react.js';

/** What a test may pass: the serializable props, and switches for the rest. */
export type TestProps = Partial<Omit<AstratoDashboardProps, 'getTicket' | `on${string}`>> & {
  /** Use a getTicket() (which logs the render that made it) on /api/ticket instead of ticketUrl. */
  getTicketFromHost?: boolean;
  /** An onError that logs, then throws (a host's error reporter that itself fails). */
  throwingOnError?: boolean;
  /** No onError at all. */
  withoutOnError?: boolean;
};

export interface ReactTestApp {
  /** React.version, to prove which React runs. */
  version: string;
  /**
   * Renders (or re-renders) the dashboard with these props. With `suspense`, inside a Suspense
   * boundary, beside a sibling that suspends while `suspense` is 'suspended' (until `resume()`).
   */
  render(props: TestProps, mode?: { strict?: boolean; hook?: boolean; suspense?: 'shown' | 'suspended' }): void;
  /** Settles what a suspended sibling waits for. */
  resume(): void;
  /** Puts `html` (the server's rendering of these props) in the page and hydrates it, in StrictMode. */
  hydrate(props: TestProps, html: string): void;
  unmount(): void;
  /** What the component's ref holds (the handle, or null). */
  handle(): EmbeddedDashboard | null;
  /** The hook's `dashboard`, as the hook component last rendered it. */
  hookDashboard(): EmbeddedDashboard | undefined;
  /** Callback calls, each tagged with the render that made the callback (`load#2`). */
  log: string[];
  /**
   * The Suspense parts whose effects have run, in order, one entry per commit that rendered them:
   * `fallback` when the fallback is committed, `sibling` when the sibling renders (after
   * `resume()`). React runs the passive effects of one commit together, so once a part's effect
   * has run, the dashboard's effects of the same commit have: a test waits for it, not a time.
   */
  committed: string[];
}

const app = document.createElement('div');
app.id = 'react-root';
document.body.append(app);
let root: Root | undefined;
const handle = createRef<EmbeddedDashboard>();
const state: { renders: number; hookDashboard: EmbeddedDashboard | undefined } = { renders: 0, hookDashboard: undefined };
const log: string[] = [];

// What the suspended sibling waits for; after resume() it renders, suspended or not.
const waiting: { promise?: Promise<void>; resolve?: () => void; done?: boolean } = {};
const committed: string[] = [];
function Sibling({ suspended }: { suspended: boolean }) {
  if (suspended && !waiting.done) throw (waiting.promise ??= new Promise<void>((resolve) => (waiting.resolve = resolve)));
  return createElement(Committed, { part: 'sibling' });
}
function Committed({ part }: { part: string }) {
  // No dependencies: it runs after every commit that rendered it.
  useEffect(() => void committed.push(part));
  return null;
}

function HookDashboard(props: AstratoDashboardProps) {
  const { ref, dashboard } = useAstratoDashboard(props);
  useEffect(() => {
    state.hookDashboard = dashboard;
  });
  return createElement('section', { ref, className: 'astrato', style: { width: 800, height: 500 } });
}

const testApp: ReactTestApp = {
  version,
  log,
  committed,
  render({ getTicketFromHost, throwingOnError, withoutOnError, ...props }, { strict = true, hook = false, suspense } = {}) {
    const render = ++state.renders;
    const callbacks = {
      onLoad: () => log.push(`load#${render}`),
      onError: (error: { code: string }) => {
        log.push(`error:${error.code}#${render}`);
        if (throwingOnError) throw new Error(`onError#${render} threw`);
      },
      onSessionRecovered: () => log.push(`sessionRecovered#${render}`),
      onMessage: (message: { type: string; payload: unknown }) => log.push(`message:${message.type}:${JSON.stringify(message.payload)}#${render}`),
    };
    const source = getTicketFromHost
      ? {
          getTicket: async () => {
            log.push(`getTicket#${render}`);
            const answer = await fetch('/api/ticket', { method: 'POST', credentials: 'same-origin' });
            return ((await answer.json()) as { ticketId: string }).ticketId;
          },
        }
      : {};
    if (withoutOnError) delete (callbacks as Partial<typeof callbacks>).onError;
    const all = { className: 'astrato', style: { width: 800, height: 500 }, ...props, ...source, ...callbacks } as AstratoDashboardProps;
    const dashboard = hook ? createElement(HookDashboard, all) : createElement(AstratoDashboard, { ...all, ref: handle });
    const element = suspense
      ? createElement(
          Suspense,
          { fallback: createElement('p', { id: 'fallback' }, 'Loading', createElement(Committed, { part: 'fallback' })) },
          dashboard,
          createElement(Sibling, { suspended: suspense === 'suspended' }),
        )
      : dashboard;
    root ??= createRoot(app);
    root.render(strict ? createElement(StrictMode, null, element) : element);
  },
  resume() {
    waiting.done = true;
    waiting.resolve?.();
  },
  hydrate(props, html) {
    app.innerHTML = html;
    const element = createElement(AstratoDashboard, { className: 'astrato', style: { width: 800, height: 500 }, ...props, onLoad: () => log.push('load#1'), ref: handle } as AstratoDashboardProps);
    root = hydrateRoot(app, createElement(StrictMode, null, element));
  },
  unmount: () => root?.unmount(),
  handle: () => handle.current,
  hookDashboard: () => state.hookDashboard,
};
(window as unknown as { reactApp: ReactTestApp }).reactApp = testApp;
