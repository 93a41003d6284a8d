/**
 * One node:http server per test, on 127.0.0.1 and a free port, closed after the test: for the
 * tests of `toNodeHandler`, which need a real socket between a client and the adapter.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

let running: Server | undefined;

/** Registers the closing of the test's server; call once at the top of a test file. */
export function closeServerAfterEach(): void {
  afterEach(() => new Promise<void>((resolve) => (running ? running.close(() => resolve()) : resolve())));
}

/** Serves `listener` for this test and resolves its base URL. */
export async function serve(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  running = createServer(listener);
  await new Promise<void>((resolve) => running!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(running.address() as AddressInfo).port}`;
}

/** Closes the test's server now, with every connection it holds open. */
export async function closeServerNow(): Promise<void> {
  const server = running;
  running = undefined;
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
}
