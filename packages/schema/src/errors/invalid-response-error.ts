import { OemkitError } from './oemkit-error.js';
import { describeRequest, type RequestContext } from './request-context.js';

/**
 * The server answered 2xx but the body is not what the wire contract says: not JSON (an HTML
 * error page from a proxy, say), or JSON missing a required field. `code` is `'INVALID_RESPONSE'`.
 * The body itself is never copied in, since it may hold a token.
 *
 * @example
 * ```ts
 * import { InvalidResponseError } from '@oemkit/schema/errors';
 * try {
 *   await astrato.getAccessToken();
 * } catch (error) {
 *   if (error instanceof InvalidResponseError) console.error(error.message); // ... "access_token" is missing
 * }
 * ```
 */
export class InvalidResponseError extends OemkitError {
  static get code(): 'INVALID_RESPONSE' {
    return 'INVALID_RESPONSE';
  }
  declare readonly code: 'INVALID_RESPONSE';
  declare readonly service: RequestContext['service'];
  declare readonly method: string;
  declare readonly url: string;
  declare readonly status: number;

  constructor(context: RequestContext, status: number, problem: string) {
    super('INVALID_RESPONSE', `${describeRequest(context)} answered ${status} with an unexpected body: ${problem}`);
    this.name = 'InvalidResponseError';
    Object.assign(this, context);
    this.status = status;
  }
}
