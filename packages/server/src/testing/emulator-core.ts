/**
 * @module What both emulators share: the call log, faults, and serving over HTTP.
 */
import { Faults, type FaultAction } from './faults.js';

/**
 * One request an emulator received, and what it answered.
 *
 * @example
 * ```ts
 * const setups = emulator.calls.filter((call) => call.path === '/oem/setup');
 * ```
 */
export interface EmulatorCall {
  method: string;
  path: string;
  status: number;
  at: number;
}

/**
 * A running emulator server.
 *
 * @example
 * ```ts
 * const { url, close } = await emulator.listen();
 * // ... point a client at url ...
 * await close();
 * ```
 */
export interface RunningEmulator {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  close(): Promise<void>;
}

/**
 * Where to listen.
 *
 * @example
 * ```ts
 * await emulator.listen({ port: 4010 });
 * ```
 */
export interface ListenOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
}

/**
 * A vendor stand-in: a Web-standard handler with state, usable in-process, behind msw
 * (`http.all('https://app.astrato.io/*', ({ request }) => emulator.handle(request))`) or as a real
 * server on 127.0.0.1.
 *
 * @example
 * ```ts
 * const response = await emulator.handle(new Request('http://emulator.test/auth/proxy/m2m/token', { method: 'POST', body: '{}' }));
 * ```
 */
export interface Emulator {
  handle(request: Request): Promise<Response>;
  /**
   * A `fetch` served in-process by this emulator, for a client's `fetch` option. A dropped
   * connection rejects with a `TypeError`, as the real `fetch` does.
   */
  fetch: typeof fetch;
  listen(options?: ListenOptions): Promise<RunningEmulator>;
  /** Every request received, oldest first. */
  readonly calls: readonly EmulatorCall[];
  /** Faults to inject into the next matching requests. */
  readonly faults: Faults;
}

/** @internal Wraps a router with the call log and fault injection. */
export function createEmulatorCore(
  route: (request: Request, path: string) => Promise<Response>,
  errorBody: (status: number, message: string, code: string) => Response,
  now: () => number,
): Emulator {
  const calls: EmulatorCall[] = [];
  const faults = new Faults();
  const handle = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    const fault = faults.take(request.method, path);
    if (fault && 'latency' in fault) await new Promise((resolve) => setTimeout(resolve, fault.latency));
    const response = fault && !('latency' in fault) ? faultResponse(fault, errorBody) : await route(request, path);
    calls.push({ method: request.method, path, status: response.type === 'error' ? 0 : response.status, at: now() });
    return response;
  };
  return {
    handle,
    fetch: async (input, init) => {
      const response = await handle(new Request(input, init));
      if (response.type === 'error') throw new TypeError('fetch failed (the emulator dropped the connection)');
      return response;
    },
    calls,
    faults,
    async listen(options = {}) {
      const [{ createServer }, { toNodeHandler }] = await Promise.all([import('node:http'), import('../node-adapter.js')]);
      const server = createServer(toNodeHandler(handle));
      const host = options.host ?? '127.0.0.1';
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, host, resolve);
      });
      const address = server.address() as { port: number };
      return {
        url: `http://${host}:${address.port}`,
        close: () =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      };
    },
  };
}

function faultResponse(fault: Exclude<FaultAction, { latency: number }>, errorBody: (status: number, message: string, code: string) => Response): Response {
  if ('drop' in fault) return Response.error();
  if ('rateLimit' in fault) {
    const response = errorBody(429, 'Too many requests', 'RATE_LIMITED');
    response.headers.set('retry-after', String(fault.rateLimit));
    return response;
  }
  if ('body' in fault) {
    return fault.body === 'html'
      ? new Response('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>', { headers: { 'content-type': 'text/html' } })
      : new Response('{"access_token": "trunc', { headers: { 'content-type': 'application/json' } });
  }
  return errorBody(fault.status, fault.message ?? 'Injected fault', fault.code ?? 'INJECTED_FAULT');
}
