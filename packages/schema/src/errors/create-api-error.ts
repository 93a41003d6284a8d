import type { ApiError, ApiErrorInit } from './api-error.js';
import { ApiError as GeneralApiError } from './api-error.js';
import { AuthenticationError } from './authentication-error.js';
import { RateLimitError } from './rate-limit-error.js';

/**
 * Picks the error class for an HTTP status: 401 and 403 are {@link AuthenticationError}, 429 is
 * {@link RateLimitError}, anything else a general {@link ApiError}.
 *
 * @example
 * ```ts
 * import { createApiError } from '@oemkit/schema';
 * const error = createApiError({ service: 'databrain', status: 429, method: 'POST', url: 'https://api.usedatabrain.com/api/v2/guest-token/create', retryAfter: 2 });
 * console.log(error.code); // RATE_LIMITED
 * ```
 */
export function createApiError(init: ApiErrorInit): ApiError {
  if (init.status === 401 || init.status === 403) return new AuthenticationError(init);
  if (init.status === 429) return new RateLimitError(init);
  return new GeneralApiError(init);
}
