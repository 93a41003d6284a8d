import { ApiError, type ApiErrorInit } from './api-error.js';

/**
 * The vendor kept answering 429 after every retry, or asked for a wait longer than the client's
 * `maxRetryAfter`. `retryAfter` holds the seconds it asked us to wait, when it said in a form
 * oemkit can read. `code` is `'RATE_LIMITED'`; always `retryable`.
 *
 * @example
 * ```ts
 * import { RateLimitError } from '@oemkit/schema/errors';
 * try {
 *   await astrato.setup({ email: 'ana@example.com', groupNames: ['Viewers'] });
 * } catch (error) {
 *   if (error instanceof RateLimitError) console.log(`try again in ${error.retryAfter ?? 1} s`);
 * }
 * ```
 */
export class RateLimitError extends ApiError {
  static override get code(): 'RATE_LIMITED' {
    return 'RATE_LIMITED';
  }
  declare readonly code: 'RATE_LIMITED';

  constructor(init: ApiErrorInit) {
    super(init, 'RATE_LIMITED');
    this.name = 'RateLimitError';
  }
}
