import { ApiError, type ApiErrorInit } from './api-error.js';

/**
 * The vendor refused the credentials (401 or 403): a wrong client id or secret, a rotated secret,
 * an expired token that could not be renewed, or a DataBrain API key without access.
 * `code` is `'AUTHENTICATION_ERROR'`.
 *
 * @example
 * ```ts
 * import { AuthenticationError } from '@oemkit/schema/errors';
 * try {
 *   await astrato.getAccessToken();
 * } catch (error) {
 *   if (error instanceof AuthenticationError) console.error('Check ASTRATO_CLIENT_ID/SECRET', error.status);
 * }
 * ```
 */
export class AuthenticationError extends ApiError {
  static override get code(): 'AUTHENTICATION_ERROR' {
    return 'AUTHENTICATION_ERROR';
  }
  declare readonly code: 'AUTHENTICATION_ERROR';

  constructor(init: ApiErrorInit) {
    super(init, 'AUTHENTICATION_ERROR');
    this.name = 'AuthenticationError';
  }
}
