import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionRecoveryError } from '../src/index.js';
import { createSessionRecovery, type SessionRecoveryOptions } from '../src/session-recovery.js';

const DELAY = 400;
const WINDOW = 15_000;

/** A machine with spies for its actions; `renewals` settles each renewal by hand. */
function setup(overrides: Partial<SessionRecoveryOptions> = {}) {
  const renewals: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const renew = vi.fn(() => new Promise<void>((resolve, reject) => renewals.push({ resolve, reject })));
  const reload = vi.fn<(renewed: boolean) => void>();
  const fail = vi.fn<(error: SessionRecoveryError) => void>();
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
async function lostEvery(recovery: { lost(): void }, every: number, duration: number) {
  for (let elapsed = 0; elapsed < duration; elapsed += every) {
    recovery.lost();
    await vi.advanceTimersByTimeAsync(every);
  }
}

/** Drives a machine through one successful recovery, which arms the loop guard. */
async function recoverOnce(machine: ReturnType<typeof setup>) {
  machine.recovery.lost();
  await vi.advanceTimersByTimeAsync(DELAY);
  await machine.settle();
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('session recovery: the first session', () => {
  it('renews and loads the dashboard without arming the loop guard', async () => {
    const machine = setup();
    const started = machine.recovery.start();
    await machine.settle();
    await expect(started).resolves.toBeUndefined();
    expect(machine.reload).toHaveBeenCalledWith(false);
    machine.recovery.lost();
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(machine.renew).toHaveBeenCalledTimes(2);
    expect(machine.fail).not.toHaveBeenCalled();
  });

  it('rejects with the renewal’s own error, reports nothing itself, and still recovers later', async () => {
    const machine = setup();
    const started = machine.recovery.start().catch((error: unknown) => error);
    const refused = new Error('503 from the ticket endpoint');
    await machine.settle(refused);
    expect(await started).toBe(refused);
    expect(machine.fail).not.toHaveBeenCalled();
    machine.recovery.lost();
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(machine.renew).toHaveBeenCalledTimes(2);
  });

  it('ignores retry() while the first session is still being set up', async () => {
    const machine = setup();
    void machine.recovery.start();
    machine.recovery.retry();
    expect(machine.renew).toHaveBeenCalledTimes(1);
  });
});

describe('session recovery: a lost session', () => {
  it('waits recoveryDelay, then renews once and reloads with the new session', async () => {
    const machine = setup();
    machine.recovery.lost();
    await vi.advanceTimersByTimeAsync(DELAY - 1);
    expect(machine.renew).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(machine.renew).toHaveBeenCalledTimes(1);
    expect(machine.reload).not.toHaveBeenCalled();
    await machine.settle();
    expect(machine.reload).toHaveBeenCalledExactlyOnceWith(true);
  });

  it('joins a burst of lost-session messages into one recovery that is not postponed by them', async () => {
    const machine = setup();
    await lostEvery(machine.recovery, 100, DELAY);
    expect(machine.renew).toHaveBeenCalledTimes(1);
  });

  it('keeps a single recovery in flight whatever arrives while it runs', async () => {
    const machine = setup();
    machine.recovery.lost();
    await vi.advanceTimersByTimeAsync(DELAY);
    await lostEvery(machine.recovery, 50, 5_000);
    machine.recovery.retry();
    machine.recovery.reload();
    expect(machine.renew).toHaveBeenCalledTimes(1);
    expect(machine.reload).not.toHaveBeenCalled();
  });

  it('recovers again when the session is lost after the loop window has passed', async () => {
    const machine = setup();
    await recoverOnce(machine);
    await vi.advanceTimersByTimeAsync(WINDOW);
    machine.recovery.lost();
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(machine.renew).toHaveBeenCalledTimes(2);
    expect(machine.fail).not.toHaveBeenCalled();
  });
});

describe('session recovery: the loop guard', () => {
  it('stops with one SessionRecoveryError when the session is lost again within the loop window', async () => {
    const machine = setup();
    await recoverOnce(machine);
    await vi.advanceTimersByTimeAsync(WINDOW - 1);
    machine.recovery.lost();
    expect(machine.fail).toHaveBeenCalledOnce();
    const error = machine.fail.mock.calls[0]![0];
    expect(error).toBeInstanceOf(SessionRecoveryError);
    expect(error.message).toMatch(/third-party cookies/);
    expect(machine.renew).toHaveBeenCalledTimes(1);
  });

  it('makes at most one recovery however fast and however long Astrato keeps reporting the lost session', async () => {
    const machine = setup();
    await lostEvery(machine.recovery, 10, DELAY);
    await machine.settle();
    await lostEvery(machine.recovery, 10, 10 * WINDOW);
    expect(machine.renew).toHaveBeenCalledTimes(1);
    expect(machine.fail).toHaveBeenCalledOnce();
  });

  it('stops with a SessionRecoveryError carrying the cause when a recovery fails, and retries nothing by itself', async () => {
    const machine = setup();
    machine.recovery.lost();
    await vi.advanceTimersByTimeAsync(DELAY);
    const cause = new Error('ticket endpoint down');
    await machine.settle(cause);
    expect(machine.fail).toHaveBeenCalledOnce();
    expect(machine.fail.mock.calls[0]![0]).toMatchObject({ code: 'SESSION_RECOVERY_FAILED', cause });
    await lostEvery(machine.recovery, 100, 3 * WINDOW);
    expect(machine.renew).toHaveBeenCalledTimes(1);
    expect(machine.reload).not.toHaveBeenCalled();
  });
});

describe('session recovery: the host’s retry() and reload()', () => {
  it('retry() leaves the stopped state with one recovery at once, and the guard applies to it again', async () => {
    const machine = setup();
    await recoverOnce(machine);
    machine.recovery.lost();
    expect(machine.fail).toHaveBeenCalledTimes(1);
    machine.recovery.retry();
    expect(machine.renew).toHaveBeenCalledTimes(2);
    await machine.settle();
    expect(machine.reload).toHaveBeenLastCalledWith(true);
    await lostEvery(machine.recovery, 100, 3 * WINDOW);
    expect(machine.renew).toHaveBeenCalledTimes(2);
    expect(machine.fail).toHaveBeenCalledTimes(2);
  });

  it('retry() while a recovery waits for its delay starts it now, and only once', async () => {
    const machine = setup();
    machine.recovery.lost();
    machine.recovery.retry();
    expect(machine.renew).toHaveBeenCalledTimes(1);
    await machine.settle();
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(machine.renew).toHaveBeenCalledTimes(1);
  });

  it('reload() reloads without renewing, leaves the stopped state and re-arms the guard', async () => {
    const machine = setup();
    await recoverOnce(machine);
    machine.recovery.lost();
    await vi.advanceTimersByTimeAsync(WINDOW);
    machine.recovery.reload();
    expect(machine.reload).toHaveBeenLastCalledWith(false);
    await vi.advanceTimersByTimeAsync(WINDOW - 1);
    machine.recovery.lost();
    expect(machine.fail).toHaveBeenCalledTimes(2);
    expect(machine.renew).toHaveBeenCalledTimes(1);
  });

  it('reload() recovers normally from a session lost after the loop window', async () => {
    const machine = setup();
    machine.recovery.reload();
    await vi.advanceTimersByTimeAsync(WINDOW);
    machine.recovery.lost();
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(machine.renew).toHaveBeenCalledTimes(1);
  });

  it('reload() cancels a recovery waiting for its delay', async () => {
    const machine = setup();
    machine.recovery.lost();
    machine.recovery.reload();
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(machine.renew).not.toHaveBeenCalled();
  });
});

describe('session recovery: destroy()', () => {
  it('cancels a recovery waiting for its delay', async () => {
    const machine = setup();
    machine.recovery.lost();
    machine.recovery.destroy();
    await vi.advanceTimersByTimeAsync(10 * DELAY);
    expect(machine.renew).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ignores a renewal that succeeds after it', async () => {
    const machine = setup();
    machine.recovery.lost();
    await vi.advanceTimersByTimeAsync(DELAY);
    machine.recovery.destroy();
    await machine.settle();
    expect(machine.reload).not.toHaveBeenCalled();
    expect(machine.fail).not.toHaveBeenCalled();
  });

  it('ignores a renewal that fails after it, the first one included', async () => {
    const machine = setup();
    const started = machine.recovery.start();
    machine.recovery.destroy();
    await machine.settle(new Error('aborted'));
    await expect(started).resolves.toBeUndefined();
    expect(machine.fail).not.toHaveBeenCalled();
  });

  it('makes every later input do nothing', async () => {
    const machine = setup();
    machine.recovery.destroy();
    machine.recovery.lost();
    machine.recovery.retry();
    machine.recovery.reload();
    await vi.advanceTimersByTimeAsync(10 * WINDOW);
    expect(machine.renew).not.toHaveBeenCalled();
    expect(machine.reload).not.toHaveBeenCalled();
    expect(machine.fail).not.toHaveBeenCalled();
  });
});

describe('session recovery: the injected clock', () => {
  it('uses the given clock and scheduler instead of the global timers', async () => {
    vi.useRealTimers();
    let time = 0;
    const scheduled: (() => void)[] = [];
    const machine = setup({ now: () => time, schedule: (run) => (scheduled.push(run), () => void scheduled.splice(scheduled.indexOf(run), 1)) });
    machine.recovery.lost();
    expect(scheduled).toHaveLength(1);
    scheduled[0]!();
    expect(machine.renew).toHaveBeenCalledTimes(1);
    machine.recovery.retry();
    expect(machine.renew).toHaveBeenCalledTimes(1);
  });
});
