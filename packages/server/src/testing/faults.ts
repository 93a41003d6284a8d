/**
 * Injectable faults for the emulators, so reliability code can be tested against a slow,
 * broken or hostile vendor.
 *
 * @module
 */

/**
 * What a fault does to a matching request. Error answers use the emulated vendor's own error
 * shape (Astrato's `{ message, code, correlationId }`, DataBrain's `{ error: { code, message } }`).
 *
 * Slow or broken:
 * - `latency`: wait this many ms, then answer normally.
 * - `status`: answer this status with an error body. Without `message` and `code`, a status the
 *   vendor documents an error body for answers that body (DataBrain's 401: `AUTHENTICATION_ERR`,
 *   "API key is invalid or expired"); any other answers `'Injected fault'`, `'INJECTED_FAULT'`.
 * - `rateLimit`: answer `status` (default 429) with the `header` (default `retry-after`) set to
 *   this value as given: seconds, an HTTP date, an epoch, or nonsense such as `'soon'`.
 * - `drop`: close the connection without an answer.
 * - `body`: answer 200 with `'html'` (a proxy's error page) or `'malformed'` (truncated JSON).
 *
 * Hostile:
 * - `redirect`: answer this status with a `Location` header and an empty body. `emulator.fetch`
 *   follows it as `fetch` does (unless told `redirect: 'manual'` or `'error'`), through the
 *   global `fetch` when it leaves the emulator's origin, so a foreign server sees what a client
 *   would re-send there.
 * - `trickle`: send the status (default 200) and headers at once, then `chunk` (default one
 *   space) every `interval` ms, the first `interval` ms after the headers, forever, until the
 *   client cancels or disconnects.
 * - `oversized`: a body of exactly `bytes` spaces, made lazily in 64 KiB chunks, with a
 *   `content-length` unless `declareLength` is `false`.
 * - `endless`: a body of spaces that never ends, without a `content-length`.
 * - `echo`: an error answer (default 400) with this string in every field the vendor controls,
 *   and in an `x-correlation-id` header when it is a valid header value (no control characters
 *   other than tab, nothing above U+00FF, no space or tab at either end); otherwise the header is
 *   left out.
 * - `json`: answer exactly this value as JSON (status default 200), with extra `headers`.
 *
 * Streamed bodies (`trickle`, `oversized`, `endless`) are made only as the client reads, stop
 * (and clear their timer) when it cancels the body or closes the socket, and report
 * `bytesSent` and `cancelled` on their {@link EmulatorCall}.
 *
 * @example
 * ```ts
 * import { createAstratoEmulator } from '@oemkit/server/testing';
 * const emulator = createAstratoEmulator();
 * emulator.faults.add({ path: '/auth/proxy/m2m/token', action: { trickle: { interval: 50 } } });
 * emulator.faults.add({ path: '/oem/setup', times: 1, action: { redirect: 307, location: 'https://elsewhere.example/collect' } });
 * emulator.faults.add({ path: '/oem/setup', action: { oversized: { bytes: 10 * 1024 * 1024, declareLength: false } } });
 * emulator.faults.add({ action: { echo: '<script>alert(1)</script>', status: 500 } });
 * emulator.faults.add({ path: '/auth/proxy/m2m/token', action: { json: { access_token: 'abc\ndef', expires_in: 600 } } });
 * emulator.faults.add({ action: { rateLimit: 'soon', header: 'x-ratelimit-reset', status: 503 } });
 * ```
 */
export type FaultAction =
  | { latency: number }
  | { status: number; message?: string; code?: string }
  | {
      rateLimit: number | string;
      header?: 'retry-after' | 'ratelimit-reset' | 'x-ratelimit-retry-after' | 'x-ratelimit-reset' | 'x-rate-limit-reset';
      status?: 429 | 503;
    }
  | { drop: true }
  | { body: 'html' | 'malformed' }
  | { redirect: 301 | 302 | 303 | 307 | 308; location: string }
  | { trickle: { interval: number; chunk?: string; status?: number } }
  | { oversized: { bytes: number; declareLength?: boolean; status?: number } }
  | { endless: { status?: number } }
  | { echo: string; status?: number }
  | { json: unknown; status?: number; headers?: Record<string, string> };

/**
 * A fault and the requests it applies to.
 */
export type Fault = {
  /** Only this method (any when omitted). */
  method?: string;
  /** Only paths equal to this string or matching this pattern (any when omitted). */
  path?: string | RegExp;
  /** How many requests it applies to before it is used up. @default Infinity */
  times?: number;
  action: FaultAction;
};

/**
 * The fault list of an emulator.
 *
 * @example
 * ```ts
 * import { createAstratoEmulator } from '@oemkit/server/testing';
 * const emulator = createAstratoEmulator();
 * emulator.faults.add({ path: '/oem/setup', times: 1, action: { drop: true } });
 * emulator.faults.clear();
 * ```
 */
export class Faults {
  #rules: { fault: Fault; left: number }[] = [];

  /** Adds a fault; returns a function that removes it. */
  add(fault: Fault): () => void {
    const rule = { fault, left: fault.times ?? Number.POSITIVE_INFINITY };
    this.#rules.push(rule);
    return () => void (this.#rules = this.#rules.filter((other) => other !== rule));
  }

  /** Removes every fault. */
  clear(): void {
    this.#rules = [];
  }

  /** @internal Takes the first fault matching the request, using up one of its times. */
  take(method: string, path: string): FaultAction | undefined {
    const rule = this.#rules.find(({ fault, left }) => left > 0 && matches(fault, method, path));
    if (!rule) return undefined;
    rule.left -= 1;
    return rule.fault.action;
  }
}

function matches(fault: Fault, method: string, path: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method) return false;
  if (fault.path === undefined) return true;
  return typeof fault.path === 'string' ? fault.path === path : fault.path.test(path);
}
