/**
 * What one vendor call tells the host: its log events (`oemkit.request.retry`,
 * `oemkit.request.finished`) and its OpenTelemetry client span. Only identifiers and numbers go
 * out: the method, the route (the API path, which holds no id, email or query), the status, the
 * attempts, the duration and a correlation id of a plain shape. Never a body, a header or vendor text.
 *
 * @module
 */
import { isOemkitError, type Service } from '@oemkit/schema/errors';
import type { Attributes, Span, Tracer } from '@opentelemetry/api';
import type { Log } from './logger.js';
import { ACTIVE_SPAN_KEY, TRACER_NAME, type OpenTelemetryGlobals, type TracerProviderLike } from './tracing.js';

// The API's `SpanKind.CLIENT` and `SpanStatusCode.ERROR`, fixed by the specification: oemkit
// never imports the API module, so it cannot take them from there.
const SPAN_KIND_CLIENT = 2;
const SPAN_STATUS_ERROR = 2;

/** @internal What the calls of one HTTP client share. */
export interface TelemetryTarget {
  service: Service;
  /** The client's base URL, to name the server (`server.address`, `server.port`) and `url.full`. */
  baseUrl: string;
  log: Log;
  /** A provider passed in; without one, the global provider the host registered, if any. */
  tracerProvider?: TracerProviderLike | undefined;
}

/** @internal The telemetry of one call, from before its first attempt to its outcome. */
export class CallTelemetry {
  readonly #target: TelemetryTarget;
  readonly #method: string;
  readonly #route: string;
  /** Forgotten once ended. Each method of it may throw: a broken span costs the host its trace, never its call. */
  #span: Span | undefined;
  readonly #globals: OpenTelemetryGlobals | null;
  readonly #startedAt = performance.now();

  /**
   * @param route - The API path from its leading slash (`/oem/setup`): a template with no value in it.
   * @param globals - What the host registered with the OpenTelemetry API, or `null` for nothing.
   */
  constructor(target: TelemetryTarget, method: string, route: string, globals: OpenTelemetryGlobals | null) {
    this.#target = target;
    this.#method = method;
    this.#route = route;
    this.#globals = globals;
    this.#span = startSpan(target, method, route, globals);
  }

  /**
   * Runs the exchange with this call's span as the active one, so a fetch instrumentation nests
   * under it, as `context.with(trace.setSpan(context.active(), span), run)` would. Without a context
   * manager the API runs it as it is, and so does oemkit. The exchange runs exactly once whatever
   * the context manager does: one that throws, never calls back, or calls back twice.
   */
  within<T>(run: () => Promise<T>): Promise<T> {
    const manager = this.#globals?.contextManager;
    const span = this.#span;
    if (!span || !manager) return run();
    let running: Promise<T> | undefined;
    const once = () => (running ??= run());
    try {
      manager.with(manager.active().setValue(ACTIVE_SPAN_KEY, span), once);
    } catch {
      // The exchange goes on outside the span's context.
    }
    return once();
  }

  /**
   * An attempt failed and another follows after `waitMs`.
   *
   * @param reason - The status as text (`'503'`) when the vendor answered, else a plain error code (`ECONNRESET`).
   */
  retrying(attempt: number, reason: string, status: number | undefined, waitMs: number): void {
    const wait = Math.round(waitMs);
    const { service } = this.#target;
    this.#target.log('warn', 'oemkit.request.retry', { service, method: this.#method, route: this.#route, attempt, reason, status, waitMs: wait });
    const span = this.#span;
    if (!span) return;
    try {
      span.addEvent('oemkit.retry', { 'oemkit.attempt': attempt, 'oemkit.retry.reason': reason, 'oemkit.retry.wait_ms': wait });
    } catch {
      // The span loses this event only; it is still ended with the call.
    }
  }

  /**
   * The call got the answer it wanted.
   *
   * @param correlationId - Already a plain identifier free of secrets (`plainIdentifier`), as the transport keeps it.
   */
  succeeded(status: number, attempts: number, correlationId: string | undefined): void {
    this.#finish('debug', attempts, status, correlationId, undefined);
  }

  /**
   * The call failed with `error` (already oemkit's, translated by the transport, whose
   * `vendorFields` kept its correlation id only as a plain identifier free of secrets).
   */
  failed(error: unknown, attempts: number): void {
    const known = isOemkitError(error) ? (error as { status?: unknown; correlationId?: unknown; code: string }) : undefined;
    const status = typeof known?.status === 'number' && known.status > 0 ? known.status : undefined;
    const correlationId = typeof known?.correlationId === 'string' ? known.correlationId : undefined;
    // A call the caller abandoned is its own decision, not a vendor problem.
    const level = known?.code === 'ABORTED' ? 'debug' : 'warn';
    this.#finish(level, attempts, status, correlationId, known?.code ?? 'UNEXPECTED');
  }

  #finish(level: 'debug' | 'warn', attempts: number, status: number | undefined, correlationId: string | undefined, errorCode: string | undefined): void {
    const durationMs = Math.round(performance.now() - this.#startedAt);
    // Fields written out rather than spread: on Node 20 a spread here cost 4 µs a call, logger or not.
    const { service } = this.#target;
    this.#target.log(level, 'oemkit.request.finished', { service, method: this.#method, route: this.#route, status, durationMs, attempts, correlationId, errorCode });
    const span = this.#span;
    if (!span) return;
    this.#span = undefined;
    const attributes: Attributes = { 'oemkit.attempts': attempts };
    if (status !== undefined) attributes['http.response.status_code'] = status;
    // Resends of the same request (retries): the semantic conventions' count, beside oemkit's total.
    if (attempts > 1) attributes['http.request.resend_count'] = attempts - 1;
    if (correlationId !== undefined) attributes['oemkit.correlation_id'] = correlationId;
    // The conventions' error.type: the status as text when the vendor answered, else a low-cardinality code.
    if (errorCode !== undefined) attributes['error.type'] = status !== undefined && status >= 400 ? String(status) : errorCode;
    try {
      if (errorCode !== undefined) span.setStatus({ code: SPAN_STATUS_ERROR });
      span.setAttributes(attributes);
    } catch {
      // The span is still ended below, so a span processor that counts open spans does not leak it.
    }
    try {
      span.end();
    } catch {
      // Nothing is left to do with it.
    }
  }
}

/** Each client's server, parsed from its base URL once rather than for every span. */
const servers = new WeakMap<TelemetryTarget, { address: string; port: number }>();

function serverOf(target: TelemetryTarget): { address: string; port: number } {
  let server = servers.get(target);
  if (!server) {
    const url = new URL(target.baseUrl);
    server = { address: url.hostname, port: url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port) };
    servers.set(target, server);
  }
  return server;
}

function startSpan(target: TelemetryTarget, method: string, route: string, globals: OpenTelemetryGlobals | null): Span | undefined {
  try {
    const provider = target.tracerProvider ?? globals?.tracerProvider;
    if (!provider) return undefined;
    const tracer = provider.getTracer(TRACER_NAME) as Tracer;
    const { address, port } = serverOf(target);
    const span: unknown = tracer.startSpan(`${method} ${route}`, {
      kind: SPAN_KIND_CLIENT,
      attributes: {
        'http.request.method': method,
        'server.address': address,
        'server.port': port,
        // The base URL is the host's own configuration (no credentials or query: the clients refuse them).
        'url.full': `${target.baseUrl}${route}`,
        'url.template': route,
        'oemkit.service': target.service,
      },
    });
    return isSpan(span) ? span : undefined;
  } catch {
    // A provider that throws costs the host its span, never its ticket.
    return undefined;
  }
}

/** What oemkit calls on a span: anything else from a provider (a stub, another major) makes no span. */
function isSpan(value: unknown): value is Span {
  const span = value as Partial<Record<keyof Span, unknown>> | null;
  return (
    typeof span === 'object' && span !== null &&
    typeof span.addEvent === 'function' && typeof span.setAttributes === 'function' && typeof span.setStatus === 'function' && typeof span.end === 'function'
  );
}
