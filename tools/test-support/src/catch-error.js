// @ts-check
/**
 * Runs `run` and returns what it threw, checked to be an instance of `type`; fails the test when
 * nothing or something else was thrown. For assertions on an error's fields.
 *
 * @template {Error} T
 * @param {abstract new (...args: never[]) => T} type
 * @param {() => unknown} run
 * @returns {T}
 */
export function catchError(type, run) {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected ${type.name} to be thrown, but nothing was`);
}
