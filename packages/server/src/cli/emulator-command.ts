/**
 * `oemkit emulator`: both emulators on 127.0.0.1, announced as environment lines a backend
 * can source, until the command's signal ends them.
 *
 * @module
 */
import { createAstratoEmulator } from '../testing/astrato-emulator.js';
import { createDataBrainEmulator } from '../testing/databrain-emulator.js';
import type { CliContext } from './cli-context.js';
import { UsageError } from './usage-error.js';

/** What `oemkit emulator` was asked for. */
export interface EmulatorCommandOptions {
  /** @default a free port */
  astratoPort?: string | undefined;
  /** @default a free port */
  databrainPort?: string | undefined;
  json?: boolean | undefined;
}

function port(flag: string, value: string | undefined): number {
  if (value === undefined) return 0;
  const number = Number(value);
  if (!/^\d{1,5}$/.test(value) || number > 65_535) throw new UsageError(`${flag} takes a port from 0 to 65535 (0 picks a free one), not ${JSON.stringify(value)}`);
  return number;
}

/**
 * Starts both emulators, prints `ASTRATO_URL=...` and the rest (the names the other commands and a
 * backend read) on stdout and what else they offer on stderr, then waits for `context.signal` and
 * closes them. The credentials printed are the emulators' public local defaults, not secrets.
 */
export async function runEmulatorCommand(options: EmulatorCommandOptions, context: CliContext): Promise<number> {
  const ports = { astrato: port('--astrato-port', options.astratoPort), databrain: port('--databrain-port', options.databrainPort) };
  const astrato = createAstratoEmulator();
  const databrain = createDataBrainEmulator();
  const running = await Promise.allSettled([astrato.listen({ port: ports.astrato }), databrain.listen({ port: ports.databrain })]);
  const [astratoServer, databrainServer] = running.map((result) => (result.status === 'fulfilled' ? result.value : undefined));
  const failed = running.find((result) => result.status === 'rejected');
  if (failed || !astratoServer || !databrainServer) {
    await Promise.all([astratoServer?.close(), databrainServer?.close()]);
    throw (failed as PromiseRejectedResult).reason;
  }
  const env = {
    ASTRATO_URL: astratoServer.url,
    ASTRATO_CLIENT_ID: astrato.clientId,
    ASTRATO_CLIENT_SECRET: astrato.clientSecret,
    DATABRAIN_URL: databrainServer.url,
    DATABRAIN_API_KEY: databrain.apiKey,
  };
  context.stdout(options.json ? `${JSON.stringify(env)}\n` : Object.entries(env).map(([name, value]) => `${name}=${value}\n`).join(''));
  context.stderr(
    `# Astrato: embed links ${astratoServer.url}/embed/<any id>, groups Viewers and Editors.\n` +
      `# DataBrain: data app "Sales App" (v2), workspace "Sales" (v1).\n# Ctrl-C stops both.\n`,
  );
  await new Promise<void>((resolve) => {
    if (!context.signal) return;
    if (context.signal.aborted) resolve();
    context.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await Promise.all([astratoServer.close(), databrainServer.close()]);
  return 0;
}
