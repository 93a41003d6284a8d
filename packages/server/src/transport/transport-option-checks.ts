/**
 * The checks of the transport options, and the retry policy they resolve to.
 *
 * @module
 */
import { ValidationError, type ValidationIssue } from '@oemkit/schema/errors';
import { DEFAULT_REQUEST_TIMEOUT } from '@oemkit/schema';
import { durationOption, durationProblem, optionError } from '@oemkit/schema/internal';
import type { RetryOptions, TransportOptions } from './transport-options.js';

/** @internal {@link RetryOptions} with every default filled in. */
export interface RetryPolicy {
  limit: number;
  backoffLimit: number;
  maxRetryAfter: number;
}

/** @internal The transport options once checked: each one usable as it is. */
export interface CheckedTransport {
  timeout: number;
  retry: RetryPolicy;
  fetch: typeof fetch;
}

/**
 * @internal Checks a client's transport options and fills in the defaults, or throws a
 * `ValidationError` (`Invalid options: timeout: ...`, as the page words it) naming the first bad option.
 */
export function checkTransport(options: TransportOptions): CheckedTransport {
  const timeout = durationOption(options.timeout, 'timeout', DEFAULT_REQUEST_TIMEOUT, 1);
  const retry = checkRetry(options.retry);
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw optionError('fetch', 'must be a fetch function');
  }
  // Looked up per call when not given, so a fetch replaced later (msw, a test) is the one used.
  return { timeout, retry, fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)) };
}

function checkRetry(retry: unknown): RetryPolicy {
  if (retry !== undefined && typeof retry !== 'number' && (typeof retry !== 'object' || retry === null)) {
    throw optionError('retry', 'must be a number of retries or { limit, backoffLimit, maxRetryAfter }');
  }
  const options = (typeof retry === 'number' ? { limit: retry } : (retry ?? {})) as RetryOptions;
  const resolved = { limit: options.limit ?? 2, backoffLimit: options.backoffLimit ?? 10_000, maxRetryAfter: options.maxRetryAfter ?? 30_000 };
  const issues: ValidationIssue[] = [];
  if (!Number.isInteger(resolved.limit) || resolved.limit < 0) issues.push({ path: ['retry', 'limit'], message: 'must be a whole number of retries, 0 or more' });
  for (const key of ['backoffLimit', 'maxRetryAfter'] as const) {
    const problem = durationProblem(resolved[key]);
    if (problem) issues.push({ path: ['retry', key], message: problem });
  }
  // The subject of optionError's, so that every transport option is refused in the same words as the page's.
  if (issues.length > 0) throw new ValidationError('options', issues);
  return resolved;
}
