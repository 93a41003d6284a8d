// @ts-check
/**
 * The programs the tests run that come from the system rather than from npm: for each, the variable
 * that names another binary, Debian's path and Debian's package. Dependency-free, so that
 * scripts/ensure-system-tools.mjs, which installs the missing ones, reads the same facts as the
 * helpers that launch them without loading playwright-core.
 */

/**
 * @typedef {object} SystemTool
 * @property {string} name What messages call it.
 * @property {string} env The variable that names another binary in its place.
 * @property {string} debianPath Where Debian's package puts it.
 * @property {string} debianPackage
 * @property {string} neededFor The tests that run it, for messages.
 * @property {string} stands What else `env` may name, for messages.
 */

/** @type {SystemTool} */
export const CHROMIUM = {
  name: 'Chromium',
  env: 'CHROMIUM_PATH',
  debianPath: '/usr/bin/chromium',
  // The only browser this machine class can install: test tools' own browser downloads are blocked.
  debianPackage: 'chromium',
  neededFor: 'the browser tests',
  stands: 'a Chromium or Chrome binary',
};

/** @type {SystemTool} */
export const REDIS_SERVER = {
  name: 'redis-server',
  env: 'REDIS_SERVER_PATH',
  debianPath: '/usr/bin/redis-server',
  // The package starts a system-wide server on port 6379 where an init system runs; the tests never
  // use it (each starts its own on a free port), so it is left as the package set it up.
  debianPackage: 'redis-server',
  neededFor: 'the shared token store tests',
  stands: 'a redis-server (or valkey-server) binary',
};

/** Every system tool the tests need, in the order they are checked. */
export const SYSTEM_TOOLS = [CHROMIUM, REDIS_SERVER];

/**
 * Where a tool is: the binary its variable names, else Debian's.
 *
 * @example
 * toolPath(CHROMIUM); // '/usr/bin/chromium' unless CHROMIUM_PATH is set
 *
 * @param {SystemTool} tool
 * @returns {string}
 */
export function toolPath(tool) {
  return process.env[tool.env] ?? tool.debianPath;
}

/** Where Chromium is: `CHROMIUM_PATH`, else Debian's. */
export const chromiumPath = toolPath(CHROMIUM);

/** Where redis-server is: `REDIS_SERVER_PATH`, else Debian's. */
export const redisServerPath = toolPath(REDIS_SERVER);
