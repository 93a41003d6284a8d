import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DELAY, WINDOW, lostEvery, recoverOnce, setup } from '../support/recovery-machine.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

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

describe('session recovery: navigate(), the host showing another link', () => {
  it('reloads a live dashboard without renewing and leaves the guard alone: a session lost right after is recovered', async () => {
    const machine = setup();
    machine.recovery.navigate();
    expect(machine.reload).toHaveBeenCalledWith(false);
    machine.recovery.lost();
    expect(machine.fail).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(machine.renew).toHaveBeenCalledTimes(1);
  });

  it('keeps a guard a renewal armed: the loop is still caught', async () => {
    const machine = setup();
    await recoverOnce(machine);
    machine.recovery.navigate();
    machine.recovery.lost();
    expect(machine.fail).toHaveBeenCalledTimes(1);
  });

  it('does nothing while a recovery waits or runs, once recovery has stopped, or after destroy()', async () => {
    const machine = setup();
    machine.recovery.lost();
    machine.recovery.navigate();
    expect(machine.reload).not.toHaveBeenCalled();
    // The waiting recovery still runs, and its reload shows whatever the link now is.
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(machine.renew).toHaveBeenCalledTimes(1);
    machine.recovery.navigate();
    expect(machine.reload).not.toHaveBeenCalled();
    await machine.settle();
    expect(machine.reload).toHaveBeenCalledTimes(1);
    machine.recovery.lost();
    expect(machine.fail).toHaveBeenCalledTimes(1);
    machine.recovery.navigate();
    machine.recovery.destroy();
    machine.recovery.navigate();
    expect(machine.reload).toHaveBeenCalledTimes(1);
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
