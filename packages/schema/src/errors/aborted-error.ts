import { OemkitError } from './oemkit-error.js';

/**
 * The caller's `AbortSignal` fired before the call finished. `cause` is the signal's `reason`.
 * `code` is `'ABORTED'`.
 *
 * @example
 * ```ts
 * import { AbortedError } from '@oemkit/schema/errors';
 * const controller = new AbortController();
 * const pending = astrato.setup({ email: 'ana@example.com' }, { signal: controller.signal });
 * controller.abort();
 * await pending.catch((error) => console.log(error instanceof AbortedError)); // true
 * ```
 */
export class AbortedError extends OemkitError {
  static get code(): 'ABORTED' {
    return 'ABORTED';
  }
  declare readonly code: 'ABORTED';

  constructor(what: string, reason: unknown) {
    super('ABORTED', `${what} was aborted`, { cause: reason });
    this.name = 'AbortedError';
  }
}
