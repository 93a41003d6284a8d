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
  /**
   * The HTTP status; `0` for a redirect whose status is not known: one a browser hides (an opaque
   * redirect), or one a custom `fetch` followed although asked not to.
   */
  status: number;
  method: string;
  /** The request URL with secrets redacted. */
  url: string;
  /** The vendor's own error code, e.g. DataBrain's `CLIENT_ID_ERROR`. Kept only in a short, plain shape. */
  vendorCode?: string | undefined;
  /** The vendor's own message, with any known secret redacted. Kept to its first 300 characters. */
  vendorMessage?: string | undefined;
  /** Astrato's `correlationId`, to quote to its support. Kept only in a short, plain shape. */
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
 * import type { ApiErrorCode } from '@oemkit/schema';
 * const code: ApiErrorCode = 'TICKET_INVALID';
 * ```
 */
export type ApiErrorCode = 'API_ERROR' | 'AUTHENTICATION_ERROR' | 'RATE_LIMITED' | 'TICKET_INVALID';

const SERVICE_NAMES: Record<Service, string> = { astrato: 'Astrato', databrain: 'DataBrain', host: 'The ticket endpoint' };
/** The most of a vendor's message that is kept: enough to diagnose, too little to flood a log. */
export const LONGEST_VENDOR_MESSAGE = 300;
// Codes and correlation ids are identifiers. Anything else (a sentence, an echoed credential, a
// megabyte) is dropped rather than trusted, since a secret can also look like a code.
const PLAIN_IDENTIFIER = /^[\w.:-]{1,64}$/;
// Line breaks and other control characters in vendor text would let it forge log lines.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * The vendor answered with a non-2xx status. `code` is `'API_ERROR'` here and more specific in
 * the subclasses ({@link AuthenticationError}, {@link RateLimitError}, {@link TicketError}).
 * 408, 429 and 5xx answers are `retryable`. A redirect (3xx) is an `ApiError` too: oemkit never
 * follows one, since it would carry credentials to, or accept a token from, another origin.
 *
 * Every field is declared and safe to log: vendor text is capped and stripped of control
 * characters, and a `vendorCode` or `correlationId` that is not a short identifier is dropped.
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
  /** Seconds the server asked us to wait before trying again, when it said (429, 503). */
  declare readonly retryAfter: number | undefined;
  /** Where a refused redirect pointed: an origin only, `undefined` for other answers. */
  declare readonly redirectOrigin: string | undefined;

  constructor(init: ApiErrorInit, code: ApiErrorCode = 'API_ERROR') {
    // Built key by key, so that nothing beyond the declared fields is copied from `init`.
    const safe: Required<ApiErrorInit> = {
      service: init.service,
      status: init.status,
      method: init.method,
      url: init.url,
      vendorCode: plainIdentifier(init.vendorCode),
      vendorMessage: plainText(init.vendorMessage),
      correlationId: plainIdentifier(init.correlationId),
      retryAfter: Number.isFinite(init.retryAfter) && init.retryAfter! >= 0 ? init.retryAfter : undefined,
      redirectOrigin: originOnly(init.redirectOrigin),
    } as Required<ApiErrorInit>;
    super(code, describe(safe), { retryable: init.status === 408 || init.status === 429 || init.status >= 500 });
    Object.assign(this, safe);
  }
}

function plainIdentifier(value: string | undefined): string | undefined {
  return typeof value === 'string' && PLAIN_IDENTIFIER.test(value) ? value : undefined;
}

function originOnly(value: string | undefined): string | undefined {
  try {
    const origin = new URL(value as string).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

function plainText(value: string | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.slice(0, LONGEST_VENDOR_MESSAGE * 2).replace(CONTROL_CHARACTERS, ' ').trim();
  return text === '' ? undefined : text.slice(0, LONGEST_VENDOR_MESSAGE);
}

function describe(init: ApiErrorInit): string {
  const answered = `${SERVICE_NAMES[init.service]} answered ${init.status === 0 ? 'with a redirect' : init.status} to ${init.method} ${init.url}`;
  if (isRedirect(init.status)) {
    const target = init.redirectOrigin ? ` to ${init.redirectOrigin}` : '';
    return `${answered}, a redirect${target} that oemkit does not follow (check the base URL or URL option)`;
  }
  const details = [init.vendorCode && `code ${init.vendorCode}`, init.correlationId && `correlation id ${init.correlationId}`].filter(Boolean);
  return answered + (init.vendorMessage ? `: ${init.vendorMessage}` : '') + (details.length > 0 ? ` (${details.join(', ')})` : '');
}

/** @internal A 3xx, or `0`: the status a browser gives a redirect it will not show. */
export function isRedirect(status: number): boolean {
  return status === 0 || (status >= 300 && status < 400);
}
