/**
 * Per-call options.
 *
 * @example
 * ```ts
 * // Give up on a setup that takes longer than the page will wait for its ticket.
 * const { ticket } = await astrato.setup({ email: 'ana@example.com', groupNames: ['Viewers'] }, { signal: AbortSignal.timeout(2_000) });
 * ```
 */
export interface CallOptions {
  /** Cancels the call; it then rejects with an `AbortedError`. */
  signal?: AbortSignal | undefined;
}
