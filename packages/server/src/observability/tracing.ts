/**
 * OpenTelemetry, when the host has it, without importing it. `@opentelemetry/api` keeps
 * what the host registers (its tracer provider, its context manager) in one process-wide registry
 * on `globalThis`, under `Symbol.for('opentelemetry.js.api.1')`, so that every copy of the API in
 * the process shares it. oemkit reads that registry at each call: no import means nothing for a
 * bundler to resolve (esbuild, Bun and wrangler fail on a missing optional import whatever its
 * comments say), nothing to install, and spans as soon as the host's SDK registers a provider.
 *
 * @module
 */

/**
 * Where oemkit's spans go: an OpenTelemetry `TracerProvider` (the SDK's `NodeTracerProvider`,
 * `BasicTracerProvider`, or `trace.getTracerProvider()`). Typed by the one method oemkit calls, so
 * that oemkit's types never require `@opentelemetry/api`.
 *
 * @example
 * ```ts
 * import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
 * import { AstratoClient, type TracerProviderLike } from '@oemkit/server';
 * const tracerProvider: TracerProviderLike = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())] });
 * const astrato = new AstratoClient({ clientId, clientSecret, tracerProvider });
 * ```
 */
export interface TracerProviderLike {
  getTracer(name: string, version?: string): unknown;
}

/** @internal The name oemkit's spans are recorded under (their instrumentation scope). */
export const TRACER_NAME = '@oemkit/server';

/**
 * @internal Where API 1.x keeps its registry: `Symbol.for(\`opentelemetry.js.api.${major}\`)` in
 * its `global-utils`. Another major would use another key, and another shape oemkit does not know.
 */
export const OPENTELEMETRY_REGISTRY_KEY = Symbol.for('opentelemetry.js.api.1');

/** @internal The key `trace.setSpan` stores the active span under (`createContextKey` is `Symbol.for`). */
export const ACTIVE_SPAN_KEY = Symbol.for('OpenTelemetry Context Key SPAN');

/** @internal An OpenTelemetry `Context`, by the one method oemkit calls. */
export interface ContextLike {
  setValue(key: symbol, value: unknown): ContextLike;
}

/** @internal An OpenTelemetry `ContextManager`, by the two methods oemkit calls. */
export interface ContextManagerLike {
  active(): ContextLike;
  with<T>(context: ContextLike, fn: () => T): T;
}

/** @internal What the host registered: either may be missing (a provider without a context manager is common). */
export interface OpenTelemetryGlobals {
  /** The API's proxy to the host's provider (`trace.setGlobalTracerProvider`). */
  readonly tracerProvider: TracerProviderLike | undefined;
  /** The host's context manager (`context.setGlobalContextManager`, done by NodeSDK). */
  readonly contextManager: ContextManagerLike | undefined;
}

/**
 * @internal Reads the registry the host's `@opentelemetry/api` filled; `null` when nothing is
 * registered or the registry cannot be read (a getter that throws costs the span, never the call).
 * Anything in it without the methods oemkit calls counts as not registered.
 */
export function readOpenTelemetryGlobals(scope: object = globalThis): OpenTelemetryGlobals | null {
  try {
    const registry = (scope as Record<symbol, unknown>)[OPENTELEMETRY_REGISTRY_KEY] as { trace?: unknown; context?: unknown } | null | undefined;
    if (typeof registry !== 'object' || registry === null) return null;
    const tracerProvider = hasMethods<TracerProviderLike>(registry.trace, 'getTracer') ? registry.trace : undefined;
    const contextManager = hasMethods<ContextManagerLike>(registry.context, 'active', 'with') ? registry.context : undefined;
    return tracerProvider || contextManager ? { tracerProvider, contextManager } : null;
  } catch {
    return null;
  }
}

function hasMethods<T>(value: unknown, ...names: string[]): value is T {
  return typeof value === 'object' && value !== null && names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
}
