import type { Service } from './codes.js';
import { OemkitError } from './oemkit-error.js';

/**
 * What oemkit copies from a failed HTTP exchange: only what is safe to log. The URL is already
 * redacted; headers, bodies and credentials are never kept.
 *
 * @example
 * ```ts
 * import { ApiError, type ApiErrorInit } from '@oemkit/schema';
 * const init: ApiErrorInit = { service: 'astrato', status: 500, method: 'POST', url: 'https://app.astrato.io/oem/setup' };
 * console.log(new ApiError(init).retryable); // true
 * ```
 */
export interface ApiErrorInit {
  service: Service;
  status: number;
  method: string;
  /** The request URL with secrets redacted. */
  url: string;
  /** The vendor's own error code, e.g. DataBrain's `CLIENT_ID_ERROR`. */
  vendorCode?: string | undefined;
  /** The vendor's own message, with any known secret redacted. */
  vendorMessage?: string | undefined;
  /** Astrato's `correlationId`, to quote to its support. */
  correlationId?: string | undefined;
  /** Seconds the server asked us to wait (`Retry-After`). */
  retryAfter?: number | undefined;
}

/**
 * The codes an HTTP answer can produce.
 *
 * @example
 * ```ts
 * import type { ApiErrorCode } from '@oemkit/schema';
 * const code: ApiErrorCode = 'TICKET_INVALID';
 * ```
 */
export type ApiErrorCode = 'API_ERROR' | 'AUTHENTICATION_ERROR' | 'RATE_LIMITED' | 'TICKET_INVALID';

const SERVICE_NAMES: Record<Service, string> = { astrato: 'Astrato', databrain: 'DataBrain', host: 'The ticket endpoint' };
const LONGEST_VENDOR_MESSAGE = 300;

/**
 * The vendor answered with a non-2xx status. `code` is `'API_ERROR'` here and more specific in
 * the subclasses ({@link AuthenticationError}, {@link RateLimitError}, {@link TicketError}).
 * 408 and 5xx answers are `retryable`.
 *
 * @example
 * ```ts
 * import { ApiError } from '@oemkit/schema';
 * try {
 *   await client.setup({ email: 'ana@example.com', groupNames: ['Viewers'] });
 * } catch (error) {
 *   if (error instanceof ApiError) {
 *     console.log(error.code, error.status, error.vendorCode, error.correlationId); // API_ERROR 500 ...
 *   }
 * }
 * ```
 */
export class ApiError extends OemkitError {
  static readonly code: ApiErrorCode = 'API_ERROR';
  override name = 'ApiError';
  declare readonly code: ApiErrorCode;
  declare readonly service: Service;
  declare readonly status: number;
  declare readonly method: string;
  declare readonly url: string;
  declare readonly vendorCode: string | undefined;
  declare readonly vendorMessage: string | undefined;
  declare readonly correlationId: string | undefined;

  constructor(init: ApiErrorInit, code: ApiErrorCode = 'API_ERROR') {
    super(code, describe(init), { retryable: init.status === 408 || init.status === 429 || init.status >= 500 });
    // Every field of the init is safe by contract (see ApiErrorInit), so it is copied whole.
    Object.assign(this, init);
  }
}

function describe(init: ApiErrorInit): string {
  const details = [
    init.vendorCode && `code ${init.vendorCode}`,
    init.correlationId && `correlation id ${init.correlationId}`,
  ].filter(Boolean);
  const vendorMessage = init.vendorMessage && init.vendorMessage.slice(0, LONGEST_VENDOR_MESSAGE);
  return (
    `${SERVICE_NAMES[init.service]} answered ${init.status} to ${init.method} ${init.url}` +
    (vendorMessage ? `: ${vendorMessage}` : '') +
    (details.length > 0 ? ` (${details.join(', ')})` : '')
  );
}
