/**
 * Why an attempt is retried, in words fit for a log line and a span event.
 *
 * @module
 */
import { HTTPError } from 'ky';
import type { Redactor } from '../redaction/redact.js';
import { safeCause } from '../redaction/safe-cause.js';

/**
 * @internal Why an attempt is retried, for logs and spans: the status as text (and the status),
 * or the network error's plain code (`ECONNRESET`), or `CONNECTION_ERROR` when it has none.
 */
export function retryReason(error: Error, redactor: Redactor): [reason: string, status: number | undefined] {
  if (error instanceof HTTPError) return [String(error.response.status), error.response.status];
  const code = safeCause(error, redactor) as Error & { code?: string; cause?: Error & { code?: string } };
  return [code.code ?? code.cause?.code ?? 'CONNECTION_ERROR', undefined];
}
