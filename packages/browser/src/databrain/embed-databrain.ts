/**
 * Embedding DataBrain's web component: a guest token from the host, renewed before it
 * expires and when DataBrain says it has, through a server-event handler of the embed's own.
 *
 * @module
 */
import { DEFAULT_REQUEST_TIMEOUT } from '@oemkit/schema/core';
import { durationOption, optionError } from '@oemkit/schema/internal';
import type { DataBrainEmbedOptions, DataBrainEvents, DataBrainServerEvent, EmbeddedDataBrain } from './databrain-types.js';
import { guestTokenFetcher } from './guest-token-source.js';
import { createTokenRenewal } from './token-renewal.js';

// The attributes the embed sets itself; the host's `attributes` may not name them.
const OWN_ATTRIBUTES = ['token', 'handle-server-event', 'dashboard-id', 'metric-id'];
let mounts = 0;

/**
 * Embeds a DataBrain dashboard (`<dbn-dashboard>`) or metric (`<dbn-metric>`). Load DataBrain's
 * component yourself (`import '@databrainhq/plugin/web'`): nothing of it ships with oemkit. The
 * embed gets a guest token from your backend, then puts the component in `container` with it, so
 * the first render already has one. It renews the token `renewBefore` ms before it expires when the
 * endpoint says how long it lives (`createGuestTokenHandler` does, for an input with `expiryTime`),
 * and whenever DataBrain reports `TOKEN_EXPIRED`, one request at a time, by setting the new token
 * on the same element. The component's `handle-server-event` names a global function of this
 * embed's own, removed by `destroy()`; DataBrain's events reach `on('serverEvent')`.
 *
 * @throws `ValidationError` at once for a missing container, no token source, not exactly one of
 *   `dashboardId` and `metricId` (a non-empty string), `attributes` that are not a record of
 *   strings or name the embed's own, or a bad `timeout` or `renewBefore`.
 * @example
 * ```ts
 * import '@databrainhq/plugin/web';
 * import { embedDataBrain } from '@oemkit/browser/databrain';
 * const analytics = embedDataBrain({
 *   container: '#analytics',
 *   dashboardId: 'sales-dashboard',
 *   tokenUrl: '/api/databrain-token',
 *   attributes: { theme: JSON.stringify({ general: { fontFamily: 'Inter' } }) },
 * });
 * analytics.on('error', (error) => {
 *   if (error.code === 'AUTHENTICATION_ERROR') location.assign('/sign-in');
 * });
 * ```
 */
export function embedDataBrain(options: DataBrainEmbedOptions): EmbeddedDataBrain {
  const { dashboardId, metricId } = options;
  const attributes = options.attributes ?? {};
  const id = dashboardId ?? metricId;
  if (typeof id !== 'string' || !id || (dashboardId !== undefined && metricId !== undefined)) {
    throw optionError('dashboardId', 'pass a dashboardId or a metricId: one non-empty string');
  }
  if (typeof attributes !== 'object') throw optionError('attributes', 'must be a record of attribute names to strings');
  for (const name in attributes) {
    if (OWN_ATTRIBUTES.includes(name.toLowerCase()) || typeof attributes[name] !== 'string') {
      throw optionError(`attributes.${name}`, `must be a string, and not one of ${OWN_ATTRIBUTES.join(', ')}`);
    }
  }
  const container = typeof options.container === 'string' ? document.querySelector<HTMLElement>(options.container) : options.container;
  if (!container) throw optionError('container', 'no such element');
  const timeout = durationOption(options.timeout, 'timeout', DEFAULT_REQUEST_TIMEOUT, 1);
  const renewBefore = durationOption(options.renewBefore, 'renewBefore', 60_000);
  const fetchToken = guestTokenFetcher(options, timeout);

  // What the host gave may throw: that must keep neither the other listeners nor the renewal from
  // going on, so the error is reported as uncaught, on its own.
  const listeners = new Map<keyof DataBrainEvents, Set<(value?: never) => void>>();
  const emit = <E extends keyof DataBrainEvents>(event: E, value?: Parameters<DataBrainEvents[E]>[0]) =>
    new Set(listeners.get(event)).forEach((listener) => {
      try {
        if (listeners.get(event)?.has(listener)) (listener as (value: unknown) => void)(value);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    });

  // One global per mount, so two components on a page renew apart; the random part keeps two
  // copies of this package (whose counters both start at 0) from taking each other's name.
  const handlerName = `oemkitDataBrain${++mounts}_${Math.random().toString(36).slice(2)}`;
  const element = document.createElement(dashboardId ? 'dbn-dashboard' : 'dbn-metric');
  for (const name in attributes) element.setAttribute(name, attributes[name]!);
  element.setAttribute(dashboardId ? 'dashboard-id' : 'metric-id', id);
  element.setAttribute('handle-server-event', handlerName);

  const renewal = createTokenRenewal({
    fetch: fetchToken,
    renewBefore,
    apply({ token }) {
      // Before the element is in the page the first time, so its first render has the token.
      element.setAttribute('token', token);
      if (!element.isConnected) container.appendChild(element);
      emit('token');
    },
    fail: (error) => emit('error', error),
  });
  const renew = () => renewal.renew();
  (globalThis as Record<string, unknown>)[handlerName] = (event: DataBrainServerEvent) => {
    // Every failing call of the component reports its own TOKEN_EXPIRED: the renewal joins them.
    if (event?.type === 'TOKEN_EXPIRED') renew().catch(() => {});
    emit('serverEvent', event);
  };

  const ready = renew();
  // Reported through on('error') already; the host may still await `ready`.
  ready.catch(() => {});
  let destroyed = false;

  return {
    ready,
    get element() {
      return element.isConnected ? element : undefined;
    },
    renew,
    on(event, listener) {
      listeners.set(event, new Set(listeners.get(event)).add(listener as (value?: never) => void));
      return () => void listeners.get(event)?.delete(listener as (value?: never) => void);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      renewal.destroy();
      delete (globalThis as Record<string, unknown>)[handlerName];
      element.remove();
      listeners.clear();
    },
  };
}
