import { OemkitError } from './oemkit-error.js';

/**
 * Server-only code was loaded where it must not run, such as `@oemkit/server` in a browser, where
 * it would expose the client secret to every visitor. `code` is `'UNSUPPORTED_ENVIRONMENT'`.
 *
 * @example
 * ```ts
 * import { UnsupportedEnvironmentError } from '@oemkit/schema/errors';
 * const error = new UnsupportedEnvironmentError('@oemkit/server must not run in a browser');
 * console.log(error.code); // UNSUPPORTED_ENVIRONMENT
 * ```
 */
export class UnsupportedEnvironmentError extends OemkitError {
  static get code(): 'UNSUPPORTED_ENVIRONMENT' {
    return 'UNSUPPORTED_ENVIRONMENT';
  }
  declare readonly code: 'UNSUPPORTED_ENVIRONMENT';

  constructor(message: string) {
    super('UNSUPPORTED_ENVIRONMENT', message);
    this.name = 'UnsupportedEnvironmentError';
  }
}
