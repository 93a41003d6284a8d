/**
 * The public shapes of an embedded DataBrain component: its options, events and handle.
 *
 * @module
 */
import type { OemkitError } from '@oemkit/schema/errors';
import type { GuestTokenSource } from './guest-token-source.js';

/**
 * What DataBrain hands the function named in the component's `handle-server-event` attribute:
 * an object with a `type`, `'TOKEN_EXPIRED'` when the guest token has expired. Other types and
 * fields are DataBrain's, passed on as they come.
 *
 * @example
 * ```ts
 * import type { DataBrainServerEvent } from '@oemkit/browser/databrain';
 * const onEvent = (event: DataBrainServerEvent) => console.info('DataBrain says', event.type);
 * ```
 */
export interface DataBrainServerEvent {
  type?: unknown;
  [field: string]: unknown;
}

/**
 * Options for {@link embedDataBrain}: a {@link GuestTokenSource}, and either a `dashboardId`
 * (`<dbn-dashboard>`) or a `metricId` (`<dbn-metric>`).
 */
export type DataBrainEmbedOptions = GuestTokenSource &
  ({ dashboardId: string; metricId?: never } | { metricId: string; dashboardId?: never }) & {
    /** The element to put DataBrain's component in, or a selector for it. */
    container: HTMLElement | string;
    /**
     * More attributes for the component, as DataBrain documents them (`theme`, `options` as JSON
     * text, `class`, ...). `token`, `handle-server-event`, `dashboard-id` and `metric-id` are the
     * embed's own and refused here. @default {}
     */
    attributes?: Record<string, string> | undefined;
    /** Milliseconds each guest-token request may take, body included (1 to 2147483647). @default 10000 */
    timeout?: number | undefined;
    /**
     * When the answer gives the token's lifetime (`expiresIn`), renew this many ms before it ends,
     * but never in the first half of the lifetime (0 to 2147483647). Without a lifetime only
     * DataBrain's `TOKEN_EXPIRED` (or {@link EmbeddedDataBrain.renew}) renews. @default 60000
     */
    renewBefore?: number | undefined;
  };

/**
 * The events of an embedded DataBrain component. A listener that throws does not keep the others
 * from running: its error is reported as uncaught, on its own.
 *
 * @example
 * ```ts
 * import type { DataBrainEvents } from '@oemkit/browser/databrain';
 * const onError: DataBrainEvents['error'] = (error) => console.warn(error.code);
 * ```
 */
export interface DataBrainEvents {
  /** A guest token was set on the component: the first one, and every renewal. */
  token: () => void;
  /** A guest-token request failed: the first (then `ready` rejects too) or a renewal. */
  error: (error: OemkitError) => void;
  /** DataBrain called the component's server-event handler (which the embed owns), `TOKEN_EXPIRED` included. */
  serverEvent: (event: DataBrainServerEvent) => void;
}

/**
 * The handle {@link embedDataBrain} returns.
 *
 * @example
 * ```ts
 * import { embedDataBrain } from '@oemkit/browser/databrain';
 * const analytics = embedDataBrain({ container: '#analytics', dashboardId: 'sales-dashboard', tokenUrl: '/api/databrain-token' });
 * await analytics.ready;
 * analytics.element?.classList.add('loaded');
 * ```
 */
export interface EmbeddedDataBrain {
  /**
   * Resolves once the component is in the page with its first token; rejects on failure (after
   * which {@link EmbeddedDataBrain.renew} tries again). A `destroy()` before then resolves it, with
   * no element.
   */
  readonly ready: Promise<void>;
  /** DataBrain's `<dbn-dashboard>` or `<dbn-metric>`, once it has a token and is in the page. */
  readonly element: HTMLElement | undefined;
  /**
   * Gets a fresh token now and sets it, or joins the renewal already on its way (one request for
   * any number of calls). Rejects with the failure that `on('error')` also gets.
   *
   * @example
   * ```ts
   * document.querySelector('#sign-in-again')?.addEventListener('click', () => void analytics.renew());
   * ```
   */
  renew(): Promise<void>;
  /**
   * Subscribes to an event; returns the unsubscribe function.
   *
   * @example
   * ```ts
   * const stop = analytics.on('error', (error) => {
   *   if (error.code === 'AUTHENTICATION_ERROR') location.assign('/sign-in');
   * });
   * ```
   */
  on<E extends keyof DataBrainEvents>(event: E, listener: DataBrainEvents[E]): () => void;
  /**
   * Removes the component and its global server-event handler, aborts a guest-token request in
   * flight and stops the renewal timer. Later calls do nothing.
   */
  destroy(): void;
}
