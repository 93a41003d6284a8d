/**
 * Where the CLI reads and writes, so it can run in-process in tests.
 *
 * @module
 */

/**
 * Where the CLI reads and writes, so it can run in-process in tests.
 *
 * @example
 * ```ts
 * import { runCli, type CliContext } from '@oemkit/server/cli';
 * const stop = new AbortController();
 * process.once('SIGINT', () => stop.abort());
 * const context: CliContext = { env: process.env, stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text), signal: stop.signal };
 * process.exitCode = await runCli(['token', '--json'], context);
 * ```
 */
export interface CliContext {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** A fetch for the clients (tests, proxies). @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * Ends the command: `oemkit emulator` closes its servers and returns 0; a vendor call in flight
   * rejects with `ABORTED`. The executable aborts it on SIGINT (Ctrl-C) and SIGTERM.
   * @default none: `oemkit emulator` runs until the process ends
   */
  signal?: AbortSignal;
}
