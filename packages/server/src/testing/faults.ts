/**
 * @module Injectable faults for the emulators, so reliability code can be tested against them.
 */

/**
 * What a fault does to a matching request.
 *
 * - `latency`: wait this many ms, then answer normally (combine with nothing else).
 * - `status`: answer this status with an error body in the vendor's shape.
 * - `rateLimit`: answer 429 with `Retry-After` set to this many seconds.
 * - `drop`: close the connection without an answer.
 * - `body`: answer 200 with `'html'` (a proxy's error page) or `'malformed'` (truncated JSON).
 *
 * @example
 * ```ts
 * import type { FaultAction } from '@oemkit/server/testing';
 * const action: FaultAction = { rateLimit: 2 };
 * ```
 */
export type FaultAction =
  | { latency: number }
  | { status: number; message?: string; code?: string }
  | { rateLimit: number }
  | { drop: true }
  | { body: 'html' | 'malformed' };

/**
 * A fault and the requests it applies to.
 *
 * @example
 * ```ts
 * import type { Fault } from '@oemkit/server/testing';
 * const fault: Fault = { path: '/oem/setup', times: 2, action: { status: 503 } };
 * ```
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
