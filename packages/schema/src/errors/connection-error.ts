import { OemkitError } from './oemkit-error.js';
import { describeRequest, type RequestContext } from './request-context.js';

/**
 * The request never got an HTTP answer: DNS failure, refused or dropped connection, TLS error,
 * or (in a browser) a CORS refusal. `cause` is the runtime's own error. `code` is
 * `'CONNECTION_ERROR'`; `retryable`.
 *
 * @example
 * ```ts
 * import { ConnectionError } from '@oemkit/schema/errors';
 * try {
 *   await astrato.getAccessToken();
 * } catch (error) {
 *   if (error instanceof ConnectionError) console.error('cannot reach', error.url, error.cause);
 * }
 * ```
 */
export class ConnectionError extends OemkitError {
  static get code(): 'CONNECTION_ERROR' {
    return 'CONNECTION_ERROR';
  }
  declare readonly code: 'CONNECTION_ERROR';
  declare readonly service: RequestContext['service'];
  declare readonly method: string;
  declare readonly url: string;

  constructor(context: RequestContext, cause: unknown) {
    const reason = cause instanceof Error ? `: ${cause.message}` : '';
    super('CONNECTION_ERROR', `${describeRequest(context)} failed before an answer arrived${reason}`, {
      cause,
      retryable: true,
    });
    this.name = 'ConnectionError';
    Object.assign(this, context);
  }
}
