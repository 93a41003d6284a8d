/**
 * One embedded dashboard kept in step with options that a framework hands over again and
 * again: the engine behind `<AstratoDashboard>` (React) and `<astrato-dashboard>` (custom element).
 * Not part of the public surface: each wrapper exports its own shape.
 *
 * - Values, not identities: a render that rebuilds `filters` as a new object literal with the same
 *   content sends nothing; new filters go through `setFilters`, a new link or initial state through
 *   `reload`, both keeping the session (no second ticket).
 * - Stopping is deferred by a microtask and cancelled by a start in the same container. React's
 *   StrictMode unmounts and remounts every effect once, synchronously, and a custom element moved
 *   with `appendChild` is disconnected and connected again in one go: both keep their dashboard
 *   instead of paying a second ticket. A real unmount or removal destroys it a microtask later.
 *
 * @module
 */
import { embedDashboard } from './embed-dashboard.js';
import type { EmbeddedDashboard, EmbedEvents, EmbedOptions } from './embed-types.js';

/**
 * @internal The options a wrapper may change after the start; of `getTicket`, which cannot change
 * the ticket source, the latest function is the one called.
 */
export type LiveOptions = Pick<EmbedOptions, 'embedUrl' | 'filters' | 'variables' | 'queryFilters' | 'getTicket'>;

/** @internal What a wrapper drives. */
export interface LiveDashboard {
  /** The dashboard, from the start until it is destroyed. */
  readonly dashboard: EmbeddedDashboard | undefined;
  /**
   * Embeds into `options.container`. If a dashboard is already there (a stop still pending, or a
   * second start), it is kept, brought up to date with `options` (see `update`), and returned.
   * @throws what `embedDashboard` throws for invalid options.
   */
  start(options: EmbedOptions & { container: HTMLElement }): EmbeddedDashboard;
  /**
   * Applies what changed since the start or the last update: the link and its initial state by
   * `reload`, the filters by `setFilters`. Does nothing before the start or after the end. What
   * either refuses is emitted as an `error`, each refusal once; nothing is thrown.
   */
  update(options: LiveOptions): void;
  /** Destroys the dashboard a microtask from now, unless `start` comes first; then `stopped` runs. */
  stop(stopped?: () => void): void;
}

/** @internal The events a wrapper forwards, in the order they are subscribed. */
export const LIVE_EVENTS = ['load', 'error', 'sessionRecovered', 'message'] as const satisfies readonly (keyof EmbedEvents)[];

// Value keys: JSON is enough for filters and initial state, which are plain data. What JSON cannot
// write (a BigInt, a cycle) the dashboard refuses too: its key is undefined, so the change is
// applied, and refused with the dashboard's FilterError, once. No variables and no query filters
// are the same state whether left out or empty.
const key = (value: unknown) => {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
};
const linkKey = (options: LiveOptions) => key([options.embedUrl, options.variables ?? {}, options.queryFilters ?? []]);
const filtersKey = (options: LiveOptions) => key(options.filters ?? null);

/**
 * @internal Creates the controller; `emit` receives every event of every dashboard it starts, with
 * the event's argument (the error for `error`, the `{ type, payload }` for `message`).
 */
export function liveDashboard(emit: (event: (typeof LIVE_EVENTS)[number], value?: unknown) => void): LiveDashboard {
  let dashboard: EmbeddedDashboard | undefined;
  let container: HTMLElement | undefined;
  let appliedLink: string | undefined;
  let appliedFilters: string | undefined;
  let stopping = false;
  let getTicket: LiveOptions['getTicket'];

  const live: LiveDashboard = {
    get dashboard() {
      return dashboard;
    },
    start(options) {
      stopping = false;
      if (dashboard && container === options.container) {
        live.update(options);
        return dashboard;
      }
      dashboard?.destroy();
      dashboard = undefined;
      // The dashboard keeps the function it is given: it is given one that calls the latest.
      const started = embedDashboard((getTicket = options.getTicket) ? { ...options, getTicket: (context) => getTicket!(context) } : options);
      for (const event of LIVE_EVENTS) started.on(event, (value?: unknown) => emit(event, value));
      dashboard = started;
      container = options.container;
      appliedLink = linkKey(options);
      appliedFilters = filtersKey(options);
      return started;
    },
    update(options) {
      getTicket = options.getTicket;
      if (!dashboard) return;
      const link = linkKey(options);
      const filters = filtersKey(options);
      // Each taken as applied before it is: a value the dashboard refuses is reported once, not
      // again with every later update, and the dashboard keeps showing what it showed. Each is
      // reported on its own, as the dashboard's failures are, so a refused link and refused filters
      // given together are both reported, and filters that came with a refused link still apply.
      const attempt = (apply: () => void) => {
        try {
          apply();
        } catch (error) {
          emit('error', error);
        }
      };
      // Reload first: the filters set next are then sent once, to the new page, when it loads.
      // `reload` reads the link and the initial state from the options; left out, they mean none.
      if (link !== appliedLink) {
        appliedLink = link;
        attempt(() => dashboard!.reload(options));
      }
      if (filters !== appliedFilters) {
        appliedFilters = filters;
        attempt(() => dashboard!.setFilters(options.filters ?? {}));
      }
    },
    stop(stopped) {
      stopping = true;
      queueMicrotask(() => {
        if (!stopping) return;
        stopping = false;
        dashboard?.destroy();
        dashboard = container = undefined;
        stopped?.();
      });
    },
  };
  return live;
}
