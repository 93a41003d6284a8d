import { OemkitError } from './oemkit-error.js';
import { describeRequest, type RequestContext } from './request-context.js';

/**
 * No answer arrived within the timeout (default 10 s per attempt). `code` is `'TIMEOUT'`;
 * `retryable`.
 *
 * @example
 * ```ts
 * import { RequestTimeoutError } from '@oemkit/schema/errors';
 * try {
 *   await astrato.setup({ email: 'ana@example.com', groupNames: ['Viewers'] });
 * } catch (error) {
 *   if (error instanceof RequestTimeoutError) console.warn(error.timeout, 'ms passed with no answer');
 * }
 * ```
 */
export class RequestTimeoutError extends OemkitError {
  static get code(): 'TIMEOUT' {
    return 'TIMEOUT';
  }
  declare readonly code: 'TIMEOUT';
  declare readonly service: RequestContext['service'];
  declare readonly method: string;
  declare readonly url: string;
  /** The timeout that ran out, in milliseconds. */
  declare readonly timeout: number;

  constructor(context: RequestContext, timeout: number) {
    super('TIMEOUT', `${describeRequest(context)} got no answer within ${timeout} ms`, { retryable: true });
    this.name = 'RequestTimeoutError';
    Object.assign(this, context);
    this.timeout = timeout;
  }
}
