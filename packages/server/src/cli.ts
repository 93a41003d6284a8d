#!/usr/bin/env node
/**
 * The `oemkit` executable.
 *
 * @module @oemkit/server/cli-bin
 */
import { runCli } from './cli/run-cli.js';

// Ctrl-C and a service manager's stop end the command cleanly (the emulator closes its servers);
// `once`, so a second Ctrl-C still kills at once.
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());

void runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  signal: stop.signal,
}).then((code) => {
  process.exitCode = code;
});
