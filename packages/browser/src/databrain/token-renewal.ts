/**
 * The guest token's life as a state machine with one timer, apart from the DOM so that
 * every transition is tested with fake timers: fetch, hand over, renew before expiry, renew on
 * DataBrain's expiry signal, one request at a time, stop on destroy.
 *
 * @module
 */
import type { GuestTokenAnswer } from '@oemkit/schema/core';
import type { OemkitError } from '@oemkit/schema/errors';
import { LONGEST_TIMER } from '@oemkit/schema/internal';

/** @internal What {@link createTokenRenewal} drives. */
export interface TokenRenewalOptions {
  /** Gets a token, bounded in time; rejects with an oemkit error. `signal` aborts on destroy. */
  fetch: (signal: AbortSignal) => Promise<GuestTokenAnswer>;
  /** Milliseconds before a known expiry to renew. */
  renewBefore: number;
  /** Hands a fresh token over: the first and every renewal. */
  apply: (answer: GuestTokenAnswer) => void;
  /** Reports a failed request, once per request. */
  fail: (error: OemkitError) => void;
}

/** @internal The handle of {@link createTokenRenewal}. */
export interface TokenRenewal {
  /**
   * Gets a token now and hands it over, unless one is already on its way: then it is that one's
   * promise, so any number of callers make one request. Rejects with the failure `fail` also got;
   * after `destroy()` it resolves and does nothing.
   */
  renew(): Promise<void>;
  /** Stops the timer, aborts the request in flight and ignores its answer. Idempotent. */
  destroy(): void;
}

/**
 * @internal With a lifetime the next renewal is due `renewBefore` ms before expiry, but never in
 * the first half of the lifetime: a token shorter than twice `renewBefore` (a one-minute token
 * with the one-minute default) would otherwise be renewed at once, over and over, through the
 * endpoint's rate limit. Without a lifetime only DataBrain's expiry signal (or the host) renews.
 */
export function renewalDelay(expiresIn: number, renewBefore: number): number {
  return Math.min(LONGEST_TIMER, Math.max(expiresIn - renewBefore, Math.ceil(expiresIn / 2)));
}

/** @internal Starts nothing by itself: the first `renew()` gets the first token. */
export function createTokenRenewal(options: TokenRenewalOptions): TokenRenewal {
  const lifetime = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | undefined;

  const renew = (): Promise<void> => {
    if (lifetime.signal.aborted) return Promise.resolve();
    // One request at a time: DataBrain sends TOKEN_EXPIRED from each of its failing calls, and
    // every token minted counts against the user's rate limit.
    inFlight ??= options
      .fetch(lifetime.signal)
      .then(
        (answer) => {
          if (lifetime.signal.aborted) return;
          clearTimeout(timer);
          timer = undefined;
          options.apply(answer);
          // A timer that fires while a renewal runs (the expiry signal came first) joins it.
          if (answer.expiresIn !== undefined) timer = setTimeout(() => void renew().catch(() => {}), renewalDelay(answer.expiresIn, options.renewBefore));
        },
        (error: OemkitError) => {
          if (lifetime.signal.aborted) return;
          options.fail(error);
          throw error;
        },
      )
      .finally(() => (inFlight = undefined));
    return inFlight;
  };

  return {
    renew,
    destroy() {
      lifetime.abort();
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
