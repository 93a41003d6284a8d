/**
 * OpenTelemetry, when the host has it. `@opentelemetry/api` is an optional peer: it is
 * imported once, on first use, and only if it is installed; without it oemkit creates no span and
 * pays one resolved check per call.
 *
 * @module
 */
import type * as OpenTelemetry from '@opentelemetry/api';

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

/** @internal The API module, as `import('@opentelemetry/api')` gives it. */
export type OpenTelemetryApi = typeof OpenTelemetry;

/** @internal The name oemkit's spans are recorded under (their instrumentation scope). */
export const TRACER_NAME = '@oemkit/server';

/** @internal Loads the API once; `null` when it is not installed (or not loadable here). */
export interface OpenTelemetryLoader {
  /** The API, `null` without it, or `undefined` while the first import is under way. */
  readonly loaded: OpenTelemetryApi | null | undefined;
  load(): Promise<OpenTelemetryApi | null>;
}

/**
 * @internal Makes a loader around `importApi`, which the process-wide {@link openTelemetry} passes
 * the real dynamic import; tests pass one that fails, to stand for an install without the API.
 */
export function createOpenTelemetryLoader(importApi: () => Promise<unknown>): OpenTelemetryLoader {
  let loaded: OpenTelemetryApi | null | undefined;
  let loading: Promise<OpenTelemetryApi | null> | undefined;
  return {
    get loaded() {
      return loaded;
    },
    load() {
      loading ??= importApi().then(
        (module) => (loaded = readApi(module)),
        () => (loaded = null),
      );
      return loading;
    },
  };
}

/**
 * The API's module namespace, or its CommonJS exports wrapped as `default` by a bundler; `null`
 * for anything without `trace.getTracerProvider` (a stub, a future major with another shape).
 */
function readApi(module: unknown): OpenTelemetryApi | null {
  for (const candidate of [module, (module as { default?: unknown } | null)?.default]) {
    const api = candidate as Partial<OpenTelemetryApi> | null | undefined;
    if (typeof api?.trace?.getTracerProvider === 'function' && typeof api.context?.with === 'function') return api as OpenTelemetryApi;
  }
  return null;
}

/**
 * @internal The process's one loader. The ES module build keeps this a native `import()`, which
 * Node resolves from the host's `node_modules` when it first runs; the CommonJS build turns it
 * into a `require` inside a promise, which fails the same way when the package is missing. The
 * comments ask webpack and Vite to leave it to run time rather than fail a build that lacks it.
 */
export const openTelemetry: OpenTelemetryLoader = createOpenTelemetryLoader(
  () => import(/* webpackIgnore: true */ /* @vite-ignore */ '@opentelemetry/api'),
);
