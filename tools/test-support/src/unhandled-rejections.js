// @ts-check
/**
 * Runs `run` and returns the reasons of the promise rejections that nobody handled meanwhile, for
 * a test that proves a rejection is handled. Node reports an unhandled rejection once the
 * microtask queue has drained after the task that made it; an immediate runs after that, so one
 * is waited for, not a fixed time.
 *
 * @example
 * ```js
 * expect(await unhandledRejections(() => handler(request))).toEqual([]);
 * ```
 *
 * @param {() => unknown} run
 * @returns {Promise<unknown[]>}
 */
export async function unhandledRejections(run) {
  /** @type {unknown[]} */
  const reasons = [];
  /** @param {unknown} reason */
  const record = (reason) => void reasons.push(reason);
  process.on('unhandledRejection', record);
  try {
    await run();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('unhandledRejection', record);
  }
  return reasons;
}
