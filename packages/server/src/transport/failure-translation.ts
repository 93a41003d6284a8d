/**
 * What a failed exchange becomes: one typed oemkit error that holds no request object,
 * header, body or secret, whatever ky, the runtime or a custom `fetch` threw.
 *
 * @module
 */
import { AbortedError, ConnectionError, InvalidResponseError, RequestTimeoutError, ValidationError, type RequestContext } from '@oemkit/schema/errors';
import { LARGEST_BODY, createApiError } from '@oemkit/schema/internal';
import { HTTPError, TimeoutError } from 'ky';
import type { Redactor } from '../redaction/redact.js';
import { safeCause } from '../redaction/safe-cause.js';
import { RefusedExchange, answerText } from './bounded-exchange.js';
import { parseJson } from './response-body.js';
import { readRetryAfter } from './retry-after.js';
import type { VendorErrorDetails } from './transport-options.js';
import { vendorFields } from './vendor-fields.js';

/** @internal What {@link translateFailure} needs to know about the request that failed. */
export interface FailedRequest {
  context: RequestContext;
  signal: AbortSignal | undefined;
  /** Attempts that reached `fetch`; 0 means the request could not even be built. */
  attempts: number;
  /** The timeout of each attempt, in milliseconds, for a `RequestTimeoutError`. */
  timeout: number;
  /** Made once for every string of this error: a long token has hundreds of thousands of fragments. */
  redactor: Redactor;
  readErrorBody: (body: unknown) => VendorErrorDetails;
}

/**
 * @internal The oemkit error for what an exchange threw: a refused redirect or oversized body, the
 * vendor's error answer (`ApiError` and its kin, with the vendor's words redacted), an abort, a
 * timeout, a request that could not be built (`ValidationError`), or a `ConnectionError`.
 */
export async function translateFailure(error: unknown, failed: FailedRequest): Promise<Error> {
  const { context, signal, redactor } = failed;
  if (error instanceof RefusedExchange) {
    const { refusal } = error;
    if (refusal.kind === 'redirect') {
      return createApiError({ ...context, status: refusal.status, ...vendorFields({ redirectOrigin: refusal.origin }, redactor) });
    }
    return new InvalidResponseError(context, refusal.status, `the body is larger than ${LARGEST_BODY} bytes`);
  }
  if (error instanceof HTTPError) {
    const response = error.response;
    const body = parseJson(await answerText(response));
    const details = body === undefined ? {} : failed.readErrorBody(body);
    const said = {
      ...details,
      correlationId: details.correlationId ?? response.headers.get('x-correlation-id') ?? undefined,
      retryAfter: readRetryAfter(response.headers),
    };
    return createApiError({ ...context, status: response.status, ...vendorFields(said, redactor) });
  }
  if (signal?.aborted) return new AbortedError(`${context.method} ${context.url}`, signal.reason);
  if (error instanceof TimeoutError) return new RequestTimeoutError(context, failed.timeout);
  if (failed.attempts === 0) {
    // Nothing was sent: the request could not even be built (a header value the runtime refuses).
    const reason = safeCause(error, redactor).message;
    return new ValidationError('request', [{ path: [], message: `could not be built (${reason})` }]);
  }
  // Anything else is a network failure: undici's "fetch failed", or whatever a custom fetch threw.
  return new ConnectionError(context, safeCause(error, redactor));
}
