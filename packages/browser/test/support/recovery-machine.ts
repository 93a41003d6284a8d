/**
 * A session-recovery machine with spies for its actions, and the inputs the tests drive it with.
 * Meant for fake timers (vi.useFakeTimers).
 */
import { vi } from 'vitest';
import type { SessionConflictError, SessionRecoveryError } from '../../src/index.js';
import { createSessionRecovery, type SessionRecoveryOptions } from '../../src/embed/session-recovery.js';

export const DELAY = 400;
export const WINDOW = 15_000;

/** A machine with spies for its actions; `renewals` settles each renewal by hand. */
export function setup(overrides: Partial<SessionRecoveryOptions> = {}) {
  const renewals: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const renew = vi.fn(() => new Promise<void>((resolve, reject) => renewals.push({ resolve, reject })));
  const reload = vi.fn<(renewed: boolean) => void>();
  const fail = vi.fn<(error: SessionRecoveryError | SessionConflictError) => void>();
  const recovery = createSessionRecovery({ recoveryDelay: DELAY, loopWindow: WINDOW, renew, reload, fail, ...overrides });
  /** Settles the latest renewal and lets its continuation run. */
  const settle = async (error?: Error) => {
    const renewal = renewals.at(-1)!;
    if (error) renewal.reject(error);
    else renewal.resolve();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { recovery, renew, reload, fail, settle };
}

/** Reports a lost session every `every` ms for `duration` ms, as Astrato's heartbeat can. */
export async function lostEvery(recovery: { lost(): void }, every: number, duration: number) {
  for (let elapsed = 0; elapsed < duration; elapsed += every) {
    recovery.lost();
    await vi.advanceTimersByTimeAsync(every);
  }
}

/** Drives a machine through one successful recovery, which arms the loop guard. */
export async function recoverOnce(machine: ReturnType<typeof setup>) {
  machine.recovery.lost();
  await vi.advanceTimersByTimeAsync(DELAY);
  await machine.settle();
}
