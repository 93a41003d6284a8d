/**
 * The `oemkit` command line as a function, for scripts and tests.
 *
 * @module @oemkit/server/cli
 */
export { runCli, type CliContext } from './cli/run-cli.js';
