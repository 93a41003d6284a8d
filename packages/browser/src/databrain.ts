/**
 * DataBrain in the page: `embedDataBrain` mounts DataBrain's `<dbn-dashboard>` or `<dbn-metric>`
 * (loaded by the host from `@databrainhq/plugin/web`) with a guest token from the host's
 * guest-token endpoint, and renews the token before it expires and on DataBrain's `TOKEN_EXPIRED`.
 *
 * @module @oemkit/browser/databrain
 */
export { embedDataBrain } from './databrain/embed-databrain.js';
export type { DataBrainEmbedOptions, DataBrainEvents, DataBrainServerEvent, EmbeddedDataBrain } from './databrain/databrain-types.js';
export type { GuestTokenSource } from './databrain/guest-token-source.js';
