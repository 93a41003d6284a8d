/**
 * Per-call options.
 *
 * @example
 * ```ts
 * await client.setup(input, { signal: AbortSignal.timeout(2_000) });
 * ```
 */
export interface CallOptions {
  /** Cancels the call; it then rejects with an `AbortedError`. */
  signal?: AbortSignal | undefined;
}
