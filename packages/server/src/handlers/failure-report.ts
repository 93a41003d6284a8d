/**
 * How the ticket and guest-token handlers report a failure without leaking: the URL as an
 * error quotes it, the level of each answer, an error's safe fields as log fields and as one
 * console line.
 *
 * @module
 */
import { isOemkitError, type RateLimitError } from '@oemkit/schema/errors';
import type { LogFields, LogLevel } from '../observability/logger.js';
import { createSecretMask, REDACTED } from '../redaction/secret-mask.js';
import { failureFields } from './failure-fields.js';
import { LONGEST_KEY } from './per-user-limit.js';
import { guarded } from '../runtime/read-guarded.js';

/**
 * The request's URL as a refused request's error quotes it: origin and path, never the query, and
 * no path segment that holds an email or the user's rate-limit `key`. A host route may name its
 * user (`/api/users/ana@acme.test/ticket`), and the error goes to `onError`, the logger and the console.
 */
export function reportedUrl(requestUrl: string, key?: string): string {
  const url = new URL(requestUrl);
  // A mask reads a secret in every encoding, at a cost that grows with its length (seconds for a
  // megabyte key): a key longer than the limiter keeps is looked for as written, and a segment that
  // long is taken for one.
  const user =
    key === undefined ? (segment: string) => segment
    : key.length <= LONGEST_KEY ? createSecretMask([key])
    : (segment: string) => (segment.length > LONGEST_KEY || (segment.length >= 8 && key.includes(segment)) ? REDACTED : segment);
  const path = url.pathname
    .split('/')
    .map((segment) => (/@|%40/i.test(segment) || user(segment) !== segment ? REDACTED : segment))
    .join('/');
  return url.origin + path;
}

/** The level of a failure's event (and console method): 4xx the endpoint chose and 503 warn, the rest error. */
export function levelOf(status: number): LogLevel {
  // A failure answers 403 only to a page of another site: an attack or the host's own setting,
  // not the endpoint failing.
  return status === 403 || status === 429 || status === 503 ? 'warn' : 'error';
}

/** A failure's safe fields as log fields; names that a logger owns (`message`, `status`) are renamed. */
export function eventFields(error: unknown): LogFields {
  const { status, message, causes, name, ...rest } = failureFields(error);
  const retryAfter = isOurs(error, 'RATE_LIMITED') ? (error as RateLimitError).retryAfter : undefined;
  return { ...rest, upstreamStatus: status, retryAfter, errorMessage: message, cause: causes?.join(': '), errorName: name };
}

/**
 * A failure's fields as `key=value`, strings quoted, so a log search finds `code=AUTHENTICATION_ERROR`
 * or a correlation id. Of an error that is not oemkit's only the class name: its message may hold anything.
 */
export function pairs(error: unknown): string {
  const { causes, ...fields } = failureFields(error);
  const text = Object.entries({ ...fields, ...(causes ? { cause: causes.join(': ') } : {}) })
    .map(([key, value]) => `${key}=${typeof value === 'string' && key !== 'code' && key !== 'name' ? JSON.stringify(value) : value}`)
    .join(' ');
  return fields.code === 'UNEXPECTED' ? `${text} (its message is not logged: pass onError to see the error)` : text;
}

/** The default for a handler without `onError` or `logger`: one line per failure, at the level {@link levelOf} gives. */
export function consoleLine(status: number, line: string): void {
  (levelOf(status) === 'warn' ? console.warn : console.error)(`[oemkit] ${line}`);
}

/** {@link isOemkitError}, `false` for a value that throws when read. */
export function isOurs(error: unknown, code: 'ABORTED' | 'RATE_LIMITED'): boolean {
  const ours = guarded(() => isOemkitError(error, code));
  return ours.ok && ours.value;
}
