/**
 * Node's `util.inspect` hook, reached through the global symbol registry so this package needs no
 * `node:util` import and still runs on fetch-only runtimes.
 */
export const INSPECT = Symbol.for('nodejs.util.inspect.custom');
