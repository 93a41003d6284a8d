/**
 * The options that make a client observable: a logger for its events and, when the host
 * has OpenTelemetry, a span for each vendor call. Both clients take them; both handlers take the
 * `logger` (see handler-options.ts). The events and attributes are listed in docs/observability.md.
 *
 * @module
 */
import type { ValidationIssue } from '@oemkit/schema/errors';
import { loggerProblem, type Logger } from './logger.js';
import type { TracerProviderLike } from './tracing.js';
import { readGuarded } from '../runtime/read-guarded.js';

/**
 * Where a client's logs and spans go.
 *
 * @example
 * ```ts
 * import pino from 'pino';
 * import { trace } from '@opentelemetry/api';
 * import { AstratoClient, type ObservabilityOptions } from '@oemkit/server';
 * const observability: ObservabilityOptions = { logger: pino(), tracerProvider: trace.getTracerProvider() };
 * const astrato = new AstratoClient({ clientId, clientSecret, ...observability });
 * ```
 */
export interface ObservabilityOptions {
  /**
   * Receives the client's structured events: `oemkit.token.fetched` (info), `oemkit.request.retry`
   * (warn) and `oemkit.request.finished` (debug, or warn when the call failed). `console`, pino and
   * winston are taken as they are; no event ever holds a secret, token, email or ticket.
   * @default no logging
   */
  logger?: Logger | undefined;
  /**
   * Where the client's spans go (one client span per vendor call). Without it, oemkit uses the
   * global provider the host registered with `@opentelemetry/api` 1.x (NodeSDK does), read at
   * each call, and creates no span when none is registered. oemkit never imports the API.
   * @default the global provider, when the host registered one
   */
  tracerProvider?: TracerProviderLike | undefined;
}

/** @internal The problems of these options, for a client's own option check. */
export function observabilityIssues(options: ObservabilityOptions): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const loggerIssue = loggerProblem(options.logger);
  if (loggerIssue) issues.push({ path: ['logger'], message: loggerIssue });
  const provider = options.tracerProvider;
  const getTracer = readGuarded(provider, 'getTracer');
  if (!getTracer.ok) {
    issues.push({ path: ['tracerProvider'], message: 'could not be read: reading its getTracer threw' });
    return issues;
  }
  if (provider !== undefined && typeof getTracer.value !== 'function') {
    issues.push({ path: ['tracerProvider'], message: 'must be an OpenTelemetry TracerProvider (with getTracer), or left out for the global one' });
  }
  return issues;
}
