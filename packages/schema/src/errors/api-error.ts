import type { Service } from './codes.js';
import { OemkitError } from './oemkit-error.js';
import { describeRequest } from './request-context.js';

/**
 * What oemkit copies from a failed HTTP exchange: only what is safe to log. The URL is already
 * redacted; headers, bodies and credentials are never kept.
 *
 * The vendor fields are kept as given. oemkit fills them only on the server, where vendor text
 * enters, and makes them safe there first: secrets redacted, the message on one line and capped,
 * a code or correlation id kept only as a short identifier, a redirect target as an origin. Code
 * that builds an `ApiError` itself owns what it passes.
 *
 * @example
 * ```ts
 * import { ApiError, type ApiErrorInit } from '@oemkit/schema/errors';
 * const init: ApiErrorInit = { service: 'astrato', status: 500, method: 'POST', url: 'https://app.astrato.io/oem/setup' };
 * console.log(new ApiError(init).retryable); // true
 * ```
 */
export interface ApiErrorInit {
  service: Service;
  /**
   * The HTTP status; `0` for a redirect whose status is not known: one a browser hides (an opaque
   * redirect), or one a custom `fetch` followed although asked not to.
   */
  status: number;
  method: string;
  /** The request URL with secrets redacted. */
  url: string;
  /** The vendor's own error code, e.g. DataBrain's `CLIENT_ID_ERROR`: a short identifier. */
  vendorCode?: string | undefined;
  /** The vendor's own message, with any known secret redacted: one line, at most 300 characters. */
  vendorMessage?: string | undefined;
  /** Astrato's `correlationId`, to quote to its support: a short identifier. */
  correlationId?: string | undefined;
  /** Seconds the server asked us to wait (`Retry-After` and its kin), on a 429 or 503. */
  retryAfter?: number | undefined;
  /** For a redirect (3xx), the origin it pointed to: never its path or query, which may hold a secret. */
  redirectOrigin?: string | undefined;
}

/**
 * The codes an HTTP answer can produce.
 *
 * @example
 * ```ts
 * import { ApiError, type ApiErrorCode } from '@oemkit/schema/errors';
 * function explain(code: ApiErrorCode): string {
 *   return code === 'TICKET_INVALID' ? 'ask the ticket endpoint for a new ticket' : 'the vendor refused the call';
 * }
 * explain(new ApiError({ service: 'astrato', status: 404, method: 'GET', url: 'https://app.astrato.io/' }).code); // 'the vendor refused the call'
 * ```
 */
export type ApiErrorCode = 'API_ERROR' | 'AUTHENTICATION_ERROR' | 'RATE_LIMITED' | 'TICKET_INVALID';

/**
 * The vendor answered with a non-2xx status. `code` is `'API_ERROR'` here and more specific in
 * the subclasses ({@link AuthenticationError}, {@link RateLimitError}, {@link TicketError}).
 * 408, 429 and 5xx answers are `retryable`. A redirect (3xx) is an `ApiError` too: oemkit never
 * follows one, since it would carry credentials to, or accept a token from, another origin.
 *
 * Every field is declared and safe to log: what oemkit copies from a vendor is redacted, capped
 * and stripped of control characters before it gets here (see {@link ApiErrorInit}).
 *
 * @example
 * ```ts
 * import { ApiError } from '@oemkit/schema/errors';
 * try {
 *   await astrato.setup({ email: 'ana@example.com', groupNames: ['Viewers'] });
 * } catch (error) {
 *   if (error instanceof ApiError) {
 *     console.log(error.code, error.status, error.vendorCode, error.correlationId); // API_ERROR 500 ...
 *   }
 * }
 * ```
 */
export class ApiError extends OemkitError {
  static get code(): ApiErrorCode {
    return 'API_ERROR';
  }
  declare readonly code: ApiErrorCode;
  declare readonly service: Service;
  declare readonly status: number;
  declare readonly method: string;
  declare readonly url: string;
  declare readonly vendorCode: string | undefined;
  declare readonly vendorMessage: string | undefined;
  declare readonly correlationId: string | undefined;
  /** Seconds the server asked us to wait before trying again, when it said (429, 503). */
  declare readonly retryAfter: number | undefined;
  /** Where a refused redirect pointed: an origin only, `undefined` for other answers. */
  declare readonly redirectOrigin: string | undefined;

  constructor(init: ApiErrorInit, code: ApiErrorCode = 'API_ERROR') {
    const { service, status, method, url, vendorCode, vendorMessage, correlationId, retryAfter, redirectOrigin } = init;
    const details = [vendorCode && `code ${vendorCode}`, correlationId && `correlation id ${correlationId}`].filter(Boolean).join(', ');
    super(
      code,
      // Status 0 is the redirect a browser will not show.
      !status || (status >= 300 && status < 400)
        ? `${describeRequest(init)} answered ${status ? `${status}, ` : 'with '}a redirect${redirectOrigin ? ` to ${redirectOrigin}` : ''} that oemkit does not follow (check the URL)`
        : `${describeRequest(init)} answered ${status}${vendorMessage ? `: ${vendorMessage}` : ''}${details && ` (${details})`}`,
      { retryable: status === 408 || status === 429 || status >= 500 },
    );
    this.name = 'ApiError';
    // Key by key, so that nothing beyond the declared fields is copied from `init`.
    Object.assign(this, { service, status, method, url, vendorCode, vendorMessage, correlationId, retryAfter, redirectOrigin });
  }
}
