import { inspect } from 'node:util';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as errorsEntry from '../../src/errors.js';
import { AbortedError, ApiError, AuthenticationError, ConnectionError, FilterError, InvalidResponseError, OEMKIT_ERROR_CODES, OemkitError, RateLimitError, RequestTimeoutError, SessionConflictError, SessionRecoveryError, TicketError, TicketSourceError, UnsupportedEnvironmentError, ValidationError, isOemkitError } from '../../src/errors.js';
import { createApiError, formatValidationIssues } from '../../src/internal.js';

const init = { service: 'astrato', method: 'POST', url: 'https://app.astrato.io/oem/setup' } as const;

describe('the error family', () => {
  it('gives every class a stable code that is both static and on the instance', () => {
    const cases: [OemkitError, string][] = [
      [new ValidationError('setup input', [{ path: ['email'], message: 'is required' }]), 'VALIDATION_ERROR'],
      [new FilterError('Region', 0, 'contains ;'), 'INVALID_FILTER'],
      [new ApiError({ ...init, status: 500 }), 'API_ERROR'],
      [new AuthenticationError({ ...init, status: 401 }), 'AUTHENTICATION_ERROR'],
      [new RateLimitError({ ...init, status: 429, retryAfter: 3 }), 'RATE_LIMITED'],
      [new TicketError({ ...init, status: 401 }), 'TICKET_INVALID'],
      [new InvalidResponseError(init, 200, 'not JSON'), 'INVALID_RESPONSE'],
      [new RequestTimeoutError(init, 10_000), 'TIMEOUT'],
      [new ConnectionError(init, new TypeError('fetch failed')), 'CONNECTION_ERROR'],
      [new AbortedError('setup', undefined), 'ABORTED'],
      [new SessionRecoveryError('looped'), 'SESSION_RECOVERY_FAILED'],
      [new TicketSourceError('threw or rejected', new Error('no')), 'TICKET_SOURCE_FAILED'],
      [new SessionConflictError(), 'SESSION_CONFLICT'],
      [new UnsupportedEnvironmentError('browser'), 'UNSUPPORTED_ENVIRONMENT'],
    ];
    for (const [error, code] of cases) {
      expect(error.code).toBe(code);
      expect((error.constructor as unknown as { code: string }).code).toBe(code);
      expect(error).toBeInstanceOf(OemkitError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(error.constructor.name);
      expect(OEMKIT_ERROR_CODES).toContain(code);
    }
    expect(new Set(cases.map(([, code]) => code)).size).toBe(OEMKIT_ERROR_CODES.length);
  });

  it('says why a second identity on one page is refused, and that it is not worth retrying', () => {
    const error = new SessionConflictError();
    expect(error.message).toBe('another dashboard on this page holds the Astrato session of a different user or row-level setup');
    expect(error.retryable).toBe(false);
    expect(isOemkitError(error, 'SESSION_CONFLICT')).toBe(true);
    if (isOemkitError(error, 'SESSION_CONFLICT')) expectTypeOf(error).toEqualTypeOf<SessionConflictError>();
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: 'SessionConflictError', code: 'SESSION_CONFLICT', message: error.message, retryable: false });
  });

  it('marks 408, 429 and 5xx answers retryable and 4xx answers not', () => {
    expect(createApiError({ ...init, status: 503 }).retryable).toBe(true);
    expect(createApiError({ ...init, status: 408 }).retryable).toBe(true);
    expect(createApiError({ ...init, status: 429 }).retryable).toBe(true);
    expect(createApiError({ ...init, status: 400 }).retryable).toBe(false);
    expect(createApiError({ ...init, status: 401 }).retryable).toBe(false);
  });

  it('maps 401 and 403 to AuthenticationError and 429 to RateLimitError', () => {
    expect(createApiError({ ...init, status: 401 })).toBeInstanceOf(AuthenticationError);
    expect(createApiError({ ...init, status: 403 })).toBeInstanceOf(AuthenticationError);
    expect(createApiError({ ...init, status: 429, retryAfter: 2 })).toMatchObject({ retryAfter: 2, code: 'RATE_LIMITED' });
    expect(createApiError({ ...init, status: 404 }).constructor).toBe(ApiError);
  });

  it('puts the vendor code, message and correlation id in the message', () => {
    const error = new ApiError({ ...init, status: 500, vendorMessage: 'boom', vendorCode: 'E1', correlationId: 'c-9' });
    expect(error.message).toBe('POST https://app.astrato.io/oem/setup answered 500: boom (code E1, correlation id c-9)');
    expect(new ApiError({ ...init, status: 400, correlationId: 'c-9' }).message).toBe('POST https://app.astrato.io/oem/setup answered 400 (correlation id c-9)');
    expect(new ApiError({ ...init, status: 400 }).message).toBe('POST https://app.astrato.io/oem/setup answered 400');
  });

  it('serialises to the safe fields only, without the cause', () => {
    const cause = new Error('hidden detail');
    const error = new ConnectionError(init, cause);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'ConnectionError',
      code: 'CONNECTION_ERROR',
      message: 'POST https://app.astrato.io/oem/setup failed before an answer arrived: hidden detail',
      retryable: true,
      service: 'astrato',
      method: 'POST',
      url: 'https://app.astrato.io/oem/setup',
    });
    expect(error.cause).toBe(cause);
  });

  it('makes a client error on a ticket redemption a TicketError, but not a 429', () => {
    const redemption = { ...init, method: 'GET', url: 'https://app.astrato.io/auth/proxy/oem/ticket/[REDACTED]?embed' };
    for (const status of [400, 401, 403, 404, 410]) expect(createApiError({ ...redemption, status }, { ticketRedemption: true })).toBeInstanceOf(TicketError);
    expect(createApiError({ ...redemption, status: 429 }, { ticketRedemption: true })).toBeInstanceOf(RateLimitError);
    expect(createApiError({ ...redemption, status: 502 }, { ticketRedemption: true }).constructor).toBe(ApiError);
  });

  it('names a refused redirect by its status and origin, and does not retry it', () => {
    const error = createApiError({ ...init, status: 307, redirectOrigin: 'https://evil.example:8443' });
    expect(error).toMatchObject({ code: 'API_ERROR', status: 307, redirectOrigin: 'https://evil.example:8443', retryable: false });
    expect(error.message).toBe('POST https://app.astrato.io/oem/setup answered 307, a redirect to https://evil.example:8443 that oemkit does not follow (check the URL)');
    const hidden = createApiError({ ...init, service: 'host', method: 'POST', url: '/api/astrato-ticket', status: 0 });
    expect(hidden).toMatchObject({ code: 'API_ERROR', status: 0, retryable: false });
    expect(hidden.message).toBe('POST /api/astrato-ticket answered with a redirect that oemkit does not follow (check the URL)');
  });

  it('copies the declared fields of its init and nothing else', () => {
    const init500 = { ...init, status: 500, headers: { authorization: 'Bearer s3cret' }, body: 's3cret' };
    const error = new ApiError(init500);
    expect(Object.keys(error)).not.toContain('headers');
    expect(Object.keys(error)).not.toContain('body');
    expect(JSON.stringify(error)).not.toContain('s3cret');
  });

  it('declares every field it serialises, retryAfter and redirectOrigin included', () => {
    const error = createApiError({ ...init, status: 503, retryAfter: 4 });
    const declared = ['name', 'code', 'message', 'retryable', 'service', 'status', 'method', 'url', 'vendorCode', 'vendorMessage', 'correlationId', 'retryAfter', 'redirectOrigin'];
    expect(Object.keys(error).filter((key) => !declared.includes(key))).toEqual([]);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ retryAfter: 4, status: 503 });
    expectTypeOf(error.retryAfter).toEqualTypeOf<number | undefined>();
    expectTypeOf(error.redirectOrigin).toEqualTypeOf<string | undefined>();
    expect(error.retryAfter).toBe(4);
  });

  it('does not show the brand symbol when inspected', () => {
    expect(inspect(new ApiError({ ...init, status: 500 }))).not.toContain('oemkit.error');
  });
});

describe('isOemkitError', () => {
  it('narrows by code', () => {
    const error: unknown = new RateLimitError({ ...init, status: 429, retryAfter: 5 });
    expect(isOemkitError(error, 'RATE_LIMITED')).toBe(true);
    expect(isOemkitError(error, 'TIMEOUT')).toBe(false);
    if (isOemkitError(error, 'RATE_LIMITED')) expectTypeOf(error).toEqualTypeOf<RateLimitError>();
  });

  it('recognises an error from a duplicate copy of the package', () => {
    class ForeignCopyError extends Error {
      code = 'TIMEOUT';
      constructor() {
        super('from another copy');
        Object.defineProperty(this, Symbol.for('oemkit.error'), { value: true });
      }
    }
    const foreign = new ForeignCopyError();
    expect(foreign instanceof OemkitError).toBe(false);
    expect(isOemkitError(foreign)).toBe(true);
    expect(isOemkitError(foreign, 'TIMEOUT')).toBe(true);
  });

  it('rejects look-alikes without the brand and non-errors', () => {
    expect(isOemkitError({ code: 'TIMEOUT', message: 'x' })).toBe(false);
    expect(isOemkitError(Object.assign(new Error('x'), { code: 'TIMEOUT' }))).toBe(false);
    expect(isOemkitError(null)).toBe(false);
  });
});

describe('the errors entry', () => {
  it('exports the same classes as the main entry', () => {
    expect(errorsEntry.ApiError).toBe(ApiError);
    expect(errorsEntry.isOemkitError).toBe(isOemkitError);
  });
});

describe('formatValidationIssues', () => {
  it('writes each path with dots and brackets, and joins issues as ValidationError messages do', () => {
    const issues = [
      { path: ['params', 'rlsSettings', 0, 'metricId'], message: 'must not be empty' },
      { path: [], message: 'pass an object' },
    ];
    expect(formatValidationIssues(issues)).toBe('params.rlsSettings[0].metricId: must not be empty; pass an object');
    expect(new ValidationError('guest-token input', issues).message).toBe(`Invalid guest-token input: ${formatValidationIssues(issues)}`);
  });
});
