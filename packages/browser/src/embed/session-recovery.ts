/**
 * When to renew the embedded dashboard's session: the state machine behind
 * `embedDashboard`'s recovery, with no DOM in it. The page glue reports lost sessions and the
 * host's `retry()`/`reload()`; this module decides, and calls back `renew`, `reload` and `fail`.
 *
 * ```text
 * idle --lost--> waiting --recoveryDelay--> recovering --renewed--> idle (guard armed for loopWindow)
 * idle --lost within loopWindow of a renewal--> stopped      recovering --failed--> stopped
 * stopped --retry()--> recovering      any --reload()--> idle (guard armed)      any --destroy()--> destroyed
 * idle --navigate()--> idle (reloaded, guard unchanged); in any other state navigate() does nothing
 * ```
 *
 * @module
 */
import { SessionRecoveryError, type SessionConflictError } from '@oemkit/schema/errors';

/** The states; see the module comment for the transitions. */
type RecoveryState = 'idle' | 'waiting' | 'recovering' | 'stopped' | 'destroyed';

/** @internal What the machine needs from the page, and its clock. */
export interface SessionRecoveryOptions {
  /** Wait this long after the first lost-session message before renewing. */
  recoveryDelay: number;
  /** A session lost within this many ms of a renewal or reload stops recovery. */
  loopWindow: number;
  /** Makes sure a session is there: `first` for the start, else Astrato reported it lost (or the host asked again). */
  renew: (first: boolean) => Promise<unknown>;
  /** Loads the dashboard again; `renewed` tells whether a fresh session comes with it. */
  reload: (renewed: boolean) => void;
  /** Reports why recovery stopped. */
  fail: (error: SessionRecoveryError | SessionConflictError) => void;
  /** The clock. @default Date.now */
  now?: () => number;
  /** Runs `run` after `ms` and returns its cancel function. @default setTimeout/clearTimeout */
  schedule?: (run: () => void, ms: number) => () => void;
}

/** @internal The machine's inputs. */
export interface SessionRecovery {
  /** First session: renews and loads without arming the guard; rejects with the renewal's own error. */
  start(): Promise<void>;
  /** Astrato reported a lost session. */
  lost(): void;
  /** The host asks for a recovery now, leaving the stopped state. */
  retry(): void;
  /** The host reloads with the current session, leaving the stopped state. */
  reload(): void;
  /**
   * The host changed what the dashboard shows (its link): reload now if the dashboard is live.
   * Vouches for no session, so the guard is left as it was; a recovery waiting or running, or a
   * stopped one, loads the new link itself when (if) it reloads.
   */
  navigate(): void;
  /**
   * The session ended outside (signed out, or given to another user): stopped, reporting `error`
   * if given, until `retry()` or `reload()`; a renewal in flight is ignored when it settles.
   */
  end(error?: SessionConflictError): void;
  /** Nothing happens any more; a renewal in flight is ignored when it settles. */
  destroy(): void;
}

const defaultSchedule = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

/**
 * @internal Creates the recovery state machine. At most one renewal is in flight; lost-session
 * messages while one waits or runs join it; once the guard fires or a renewal fails, nothing is
 * retried until the host calls `retry()` or `reload()`, whatever Astrato keeps posting.
 */
export function createSessionRecovery(options: SessionRecoveryOptions): SessionRecovery {
  const { recoveryDelay, loopWindow, renew, reload, fail, now = () => Date.now(), schedule = defaultSchedule } = options;
  let state: RecoveryState = 'idle';
  let cancel = () => {};
  // When the dashboard was last reloaded with a session we vouched for.
  let armedAt = -Infinity;

  const stop = (error?: SessionRecoveryError | SessionConflictError) => {
    cancel();
    state = 'stopped';
    error && fail(error);
  };

  const run = async (first: boolean) => {
    cancel();
    state = 'recovering';
    try {
      await renew(first);
    } catch (error) {
      if (state !== 'recovering') return;
      if (first) {
        state = 'idle';
        throw error;
      }
      return stop(new SessionRecoveryError('Could not renew the Astrato session', error));
    }
    if (state !== 'recovering') return;
    state = 'idle';
    // The guard starts with the reload: the page may report a lost session before it fires `load`.
    if (!first) armedAt = now();
    reload(!first);
  };

  return {
    start: () => run(true),
    lost() {
      if (state !== 'idle') return;
      if (now() - armedAt < loopWindow) {
        // The browser dropped or withheld the cookie the renewal set: in practice third-party
        // cookies blocked (or a SameSite=Lax cookie, which a cross-site iframe never sends). The
        // message names what the host can change; docs/security.md has each remedy.
        return stop(
          new SessionRecoveryError(
            'The Astrato session was lost again right after renewal: third-party cookies blocked? Fix: a Partitioned cookie, top-level redemption, or Astrato on the same site',
          ),
        );
      }
      // Not reset by later messages: Astrato repeats 401Error, and a reset would never fire.
      state = 'waiting';
      cancel = schedule(() => void run(false), recoveryDelay);
    },
    retry() {
      if (state !== 'recovering' && state !== 'destroyed') void run(false);
    },
    reload() {
      if (state === 'recovering' || state === 'destroyed') return;
      cancel();
      state = 'idle';
      armedAt = now();
      reload(false);
    },
    navigate() {
      if (state === 'idle') reload(false);
    },
    end: stop,
    destroy() {
      cancel();
      state = 'destroyed';
    },
  };
}
