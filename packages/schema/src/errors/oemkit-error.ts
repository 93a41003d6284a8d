import type { OemkitErrorCode } from './codes.js';

/**
 * Marks oemkit errors across duplicate copies of the package (two versions in one bundle, or a
 * CJS and an ESM copy), where `instanceof` alone gives false negatives. Prefer `isOemkitError`.
 *
 * @example
 * ```ts
 * import { OEMKIT_ERROR_BRAND } from '@oemkit/schema/internal';
 * const isOurs = (error: unknown) => (error as Record<symbol, unknown> | null)?.[OEMKIT_ERROR_BRAND] === true;
 * ```
 */
export const OEMKIT_ERROR_BRAND: unique symbol = Symbol.for('oemkit.error') as never;

/**
 * Options every oemkit error accepts.
 *
 * @example
 * ```ts
 * import { OemkitError } from '@oemkit/schema/errors';
 * const error = new OemkitError('TIMEOUT', 'took too long', { retryable: true, cause: new Error('socket hang up') });
 * error.retryable; // true
 * ```
 */
export interface OemkitErrorOptions {
  /** The underlying error. Never a value that holds a secret (oemkit only passes safe causes). */
  cause?: unknown;
  /** Whether trying the same call again later may succeed. @default false */
  retryable?: boolean;
}

/**
 * The base of every error oemkit throws, in the browser and on the server alike. Its `code` is
 * one of {@link OemkitErrorCode} (stable, see {@link OEMKIT_ERROR_CODES}); switch on it or use
 * `instanceof` on a subclass. Messages, `JSON.stringify(error)` and `util.inspect(error)` never contain a secret.
 *
 * @example
 * ```ts
 * import { isOemkitError } from '@oemkit/schema/errors';
 * try {
 *   await astrato.setup({ email: 'ana@example.com', groupNames: ['Viewers'] });
 * } catch (error) {
 *   if (isOemkitError(error) && error.retryable) setTimeout(() => location.reload(), 5_000);
 *   else throw error;
 * }
 * ```
 */
export class OemkitError extends Error {
  // Every field is assigned in a constructor, none declared with an initialiser: a class field
  // costs a helper call per field once a bundler lowers it to ES2020 (Vite's default target).
  /** The stable machine-readable code. */
  declare readonly code: OemkitErrorCode;
  /** Whether the same call may succeed if tried again later. */
  declare readonly retryable: boolean;
  declare readonly [OEMKIT_ERROR_BRAND]: true;

  constructor(code: OemkitErrorCode, message: string, options: OemkitErrorOptions = {}) {
    // Error reads `cause` from the options only when it is there, and ignores `retryable`.
    super(message, options);
    this.name = 'OemkitError';
    this.code = code;
    this.retryable = !!options.retryable;
    Object.defineProperty(this, OEMKIT_ERROR_BRAND, { value: true });
  }

  /**
   * The fields that are safe to log or send to an error tracker: the message and every own
   * enumerable field. `cause` and `stack` are not enumerable and stay out. Subclasses therefore
   * must never keep a secret in a field.
   */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), message: this.message };
  }
}
