import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionRecoveryError } from '../../src/index.js';
import { DELAY, WINDOW, lostEvery, recoverOnce, setup } from '../support/recovery-machine.js';

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
