/**
 * What both emulators share: the call log, faults, and serving over HTTP.
 *
 * @module
 */
import { durationProblem } from '@oemkit/schema/internal';
import { faultResponse, type ErrorBody, type StatusBodies } from './fault-responses.js';
import { Faults } from './faults.js';
import { inProcessFetch } from './in-process-fetch.js';
import { selfSignedCertificate, type TlsIdentity } from './self-signed-certificate.js';

/**
 * One request an emulator received, and what it answered.
 *
 * @example
 * ```ts
 * import { createAstratoEmulator } from '@oemkit/server/testing';
 * const emulator = createAstratoEmulator();
 * const setups = emulator.calls.filter((call) => call.path === '/oem/setup');
 * ```
 */
export interface EmulatorCall {
  method: string;
  path: string;
  /** The query string as sent, with its `?` (`'?embed'`), or `''` when there was none. */
  search: string;
  /** The status answered; 0 for a dropped connection. */
  status: number;
  /** When it was answered, on the emulator's clock. */
  at: number;
  /** When it arrived, on the emulator's clock (before any `latency`): with `at`, which calls overlapped and which waited for another. */
  receivedAt: number;
  /** The request's headers, names in lower case. */
  headers: Record<string, string>;
  /** The request's body as text; `''` when it had none. */
  body: string;
  /**
   * For a body the emulator accepted: the keys it does not know (`['metricId',
   * 'params.customerContext']`), passed through as the vendor would; `[]` when it knew them all.
   * Absent on routes that read no open body.
   */
  unknownKeys?: string[];
  /** On an Astrato embed-page load: the email of the user whose session it carried; absent when it carried none. */
  user?: string;
  /** For a streamed fault body (`trickle`, `oversized`, `endless`): the bytes the client has taken so far. */
  bytesSent?: number;
  /** For a streamed fault body: whether the client stopped reading (cancelled the body or closed the connection) before its end. */
  cancelled?: boolean;
}

/**
 * A running emulator server.
 *
 * @example
 * ```ts
 * import { AstratoClient } from '@oemkit/server';
 * import { createAstratoEmulator } from '@oemkit/server/testing';
 * const emulator = createAstratoEmulator();
 * const { url, close } = await emulator.listen();
 * const astrato = new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, baseUrl: url });
 * await close();
 * ```
 */
export interface RunningEmulator {
  /** `http://127.0.0.1:<port>` (`https://` with {@link ListenOptions.https}), without a trailing slash. */
  url: string;
  /** Over https: the certificate served (PEM), for a client's `ca`. */
  certificate?: string;
  /** Over https: its private key (PEM), to serve the same identity again. */
  key?: string;
  close(): Promise<void>;
}

/**
 * Where to listen.
 *
 * @example
 * ```ts
 * import { createAstratoEmulator } from '@oemkit/server/testing';
 * const { url } = await createAstratoEmulator().listen({ port: 4010 }); // 'http://127.0.0.1:4010'
 * const secure = await createAstratoEmulator().listen({ https: true }); // 'https://127.0.0.1:<port>', self-signed
 * ```
 */
export interface ListenOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /**
   * Serve https: `true` makes a self-signed certificate for localhost and 127.0.0.1 at start (with
   * `openssl`), or pass your own `{ key, cert }` (PEM). A browser sets a `Secure` cookie, so
   * `SameSite=None` and `Partitioned` ones, only from https on any host but localhost: a
   * cross-site test needs it. Chromium must be told to accept the certificate
   * (`--ignore-certificate-errors`); a Node client can trust `certificate` as its `ca`.
   * @default false (plain http)
   */
  https?: boolean | TlsIdentity;
}

/**
 * A vendor stand-in: a Web-standard handler with state, usable in-process, behind msw
 * (`http.all('https://app.astrato.io/*', ({ request }) => emulator.handle(request))`) or as a real
 * server on 127.0.0.1.
 *
 * @example
 * ```ts
 * import { createAstratoEmulator } from '@oemkit/server/testing';
 * const emulator = createAstratoEmulator();
 * const response = await emulator.handle(new Request('http://emulator.test/auth/proxy/m2m/token', { method: 'POST', body: '{}' }));
 * response.status; // 400
 * ```
 */
export interface Emulator {
  handle(request: Request): Promise<Response>;
  /**
   * A `fetch` served in-process by this emulator, for a client's `fetch` option. It behaves as
   * the real `fetch` does: a dropped connection rejects with a `TypeError`; the request's signal
   * rejects a pending answer and errors a body being read; redirects follow the request's
   * `redirect` mode, through the global `fetch` once they leave the first request's origin.
   */
  fetch: typeof fetch;
  listen(options?: ListenOptions): Promise<RunningEmulator>;
  /** Every request received, oldest first. */
  readonly calls: readonly EmulatorCall[];
  /** Faults to inject into the next matching requests. */
  readonly faults: Faults;
}

/**
 * @internal A vendor's routes. `call` is the log entry being written, for what only the route
 * knows (the keys a body held that it did not understand).
 */
export type EmulatorRoute = (request: Request, path: string, call: EmulatorCall) => Promise<Response>;

/**
 * @internal Wraps a router with the call log, fault injection and `latency`: milliseconds added
 * before every answer, here and only here, so every route (and every fault) pays it alike.
 * `statusBodies` are the vendor's documented error bodies by status, which a `status` fault
 * without its own `message` and `code` answers.
 */
export function createEmulatorCore(route: EmulatorRoute, errorBody: ErrorBody, now: () => number, latency = 0, statusBodies: StatusBodies = {}): Emulator {
  const problem = durationProblem(latency);
  if (problem) throw new TypeError(`latency ${problem}`);
  const calls: EmulatorCall[] = [];
  const faults = new Faults();
  const handle = async (request: Request): Promise<Response> => {
    const { pathname: path, search } = new URL(request.url);
    // `search` as the request wrote it: URL drops a lone `?`, which is no query anyway.
    const call: EmulatorCall = { method: request.method, path, search, status: 0, at: 0, receivedAt: now(), headers: Object.fromEntries(request.headers), body: '' };
    // Read from a copy, before anything else, so the log shows what a client sent even to a fault.
    if (request.body) call.body = await request.clone().text();
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    const fault = faults.take(request.method, path);
    if (fault && 'latency' in fault) await new Promise((resolve) => setTimeout(resolve, fault.latency));
    const response = fault && !('latency' in fault) ? faultResponse(fault, errorBody, call, statusBodies) : await route(request, path, call);
    call.status = response.type === 'error' ? 0 : response.status;
    call.at = now();
    calls.push(call);
    return response;
  };
  return {
    handle,
    fetch: inProcessFetch(handle),
    calls,
    faults,
    async listen(options = {}) {
      const tls = options.https === true ? await selfSignedCertificate() : options.https || undefined;
      const [http, https, { toNodeHandler }] = await Promise.all([import('node:http'), import('node:https'), import('../adapters/node-adapter.js')]);
      const server = tls ? https.createServer(tls, toNodeHandler(handle)) : http.createServer(toNodeHandler(handle));
      const host = options.host ?? '127.0.0.1';
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, host, resolve);
      });
      const address = server.address() as { port: number };
      return {
        url: `${tls ? 'https' : 'http'}://${host}:${address.port}`,
        ...(tls && { certificate: tls.cert, key: tls.key }),
        close: () =>
          new Promise<void>((resolve) => {
            // Destroying the sockets also cancels any body still streaming (a trickle's timer).
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      };
    },
  };
}
