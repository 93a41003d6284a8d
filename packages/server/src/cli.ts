#!/usr/bin/env node
/**
 * The `oemkit` executable.
 *
 * @module @oemkit/server/cli-bin
 */
import { runCli } from './cli/run-cli.js';

void runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
