import { AsyncLocalStorage } from 'node:async_hooks';
import { context, ROOT_CONTEXT, trace, type Attributes, type Context, type ContextManager } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AstratoClient, DataBrainClient } from '../../src/index.js';
import { CallTelemetry } from '../../src/observability/call-telemetry.js';
import { OPENTELEMETRY_REGISTRY_KEY, readOpenTelemetryGlobals } from '../../src/observability/tracing.js';
import { createAstratoEmulator, createDataBrainEmulator, type RunningEmulator } from '../../src/testing.js';

const SPAN_KIND_CLIENT = 2;
const SPAN_STATUS_ERROR = 2;
const UNSET = 0;

const astratoEmulator = createAstratoEmulator();
const dataBrainEmulator = createDataBrainEmulator();
let astrato: RunningEmulator;
let databrain: RunningEmulator;
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

beforeAll(async () => {
  [astrato, databrain] = await Promise.all([astratoEmulator.listen(), dataBrainEmulator.listen()]);
});
afterAll(() => Promise.all([astrato.close(), databrain.close()]));
beforeEach(() => {
  trace.setGlobalTracerProvider(provider);
});
afterEach(() => {
  trace.disable();
  exporter.reset();
  astratoEmulator.faults.clear();
  dataBrainEmulator.faults.clear();
});

const fastRetry = { limit: 2, backoffLimit: 5 };
const astratoClient = (options: object = {}) =>
  new AstratoClient({ clientId: astratoEmulator.clientId, clientSecret: astratoEmulator.clientSecret, baseUrl: astrato.url, retry: fastRetry, ...options });
const spans = () => exporter.getFinishedSpans();
const byName = (name: string) => spans().filter((span) => span.name === name);
const port = (url: string) => Number(new URL(url).port);

describe('OpenTelemetry spans', () => {
  it('records one client span for the token and one for the setup, named by method and route', async () => {
    await astratoClient().setup({ email: 'ana@example.com', groupNames: ['Viewers'] });
    expect(spans().map((span) => span.name)).toEqual(['POST /auth/proxy/m2m/token', 'POST /oem/setup']);
    const [, setup] = spans() as [ReadableSpan, ReadableSpan];
    expect(setup.kind).toBe(SPAN_KIND_CLIENT);
    expect(setup.instrumentationScope.name).toBe('@oemkit/server');
    expect(setup.status.code).toBe(UNSET);
    expect(setup.attributes).toEqual({
      'http.request.method': 'POST',
      'server.address': '127.0.0.1',
      'server.port': port(astrato.url),
      'url.full': `${astrato.url}/oem/setup`,
      'url.template': '/oem/setup',
      'oemkit.service': 'astrato',
      'http.response.status_code': 200,
      'oemkit.attempts': 1,
    } satisfies Attributes);
  });

  it('records the sign-out as a GET span, successful on the 204 Astrato answers', async () => {
    await astratoClient().signOut({ cookie: 'astrato_session=abc123' });
    const [signOut] = byName('GET /auth/proxy/0/sign_out');
    expect(signOut?.attributes).toMatchObject({ 'http.request.method': 'GET', 'http.response.status_code': 204, 'url.template': '/auth/proxy/0/sign_out' });
    expect(signOut?.status.code).toBe(UNSET);
  });

  it('records the DataBrain guest token with its versioned route and service', async () => {
    const client = new DataBrainClient({ apiKey: dataBrainEmulator.apiKey, baseUrl: databrain.url });
    await client.createGuestToken({ clientId: 'acme', dataAppName: 'Sales App' });
    const [span] = byName('POST /api/v2/guest-token/create');
    expect(span?.attributes).toMatchObject({ 'oemkit.service': 'databrain', 'http.response.status_code': 200, 'oemkit.attempts': 1, 'server.port': port(databrain.url) });
  });

  it('counts retries on the one span of the call, with an event for each', async () => {
    astratoEmulator.faults.add({ path: '/oem/setup', times: 2, action: { status: 503 } });
    await astratoClient().setup({ email: 'ana@example.com', groupNames: ['Viewers'] });
    const [setup] = byName('POST /oem/setup');
    expect(byName('POST /oem/setup')).toHaveLength(1);
    expect(setup?.attributes).toMatchObject({ 'oemkit.attempts': 3, 'http.request.resend_count': 2, 'http.response.status_code': 200 });
    expect(setup?.events.map((event) => [event.name, event.attributes?.['oemkit.attempt'], event.attributes?.['oemkit.retry.reason']])).toEqual([
      ['oemkit.retry', 1, '503'],
      ['oemkit.retry', 2, '503'],
    ]);
    expect(setup?.status.code).toBe(UNSET);
  });

  it('marks a refused call as an error, with the status as its error type and Astrato’s correlation id', async () => {
    astratoEmulator.faults.add({ path: '/oem/setup', action: { status: 403, message: 'group not allowed for ana@example.com' } });
    await expect(astratoClient().setup({ email: 'ana@example.com', groupNames: ['Viewers'] })).rejects.toMatchObject({ code: 'AUTHENTICATION_ERROR' });
    const [setup] = byName('POST /oem/setup');
    expect(setup?.status).toEqual({ code: SPAN_STATUS_ERROR });
    expect(setup?.attributes).toMatchObject({ 'error.type': '403', 'http.response.status_code': 403, 'oemkit.attempts': 1 });
    expect(setup?.attributes['oemkit.correlation_id']).toMatch(/^[\da-f-]{36}$/);
    expect(JSON.stringify(setup?.attributes)).not.toContain('ana@example.com');
  });

  it('marks a call that got no answer with oemkit’s code as its error type, and no status', async () => {
    const refusing = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    };
    const client = new AstratoClient({ clientId: 'id', clientSecret: 'secret-value', baseUrl: 'http://127.0.0.1:9', retry: { limit: 1, backoffLimit: 1 }, fetch: refusing });
    await expect(client.getAccessToken()).rejects.toMatchObject({ code: 'CONNECTION_ERROR' });
    const [token] = spans();
    expect(token?.status).toEqual({ code: SPAN_STATUS_ERROR });
    expect(token?.attributes).toMatchObject({ 'error.type': 'CONNECTION_ERROR', 'oemkit.attempts': 2, 'server.port': 9 });
    expect(token?.attributes).not.toHaveProperty('http.response.status_code');
    expect(token?.events[0]?.attributes).toMatchObject({ 'oemkit.retry.reason': 'ECONNREFUSED' });
  });

  it('runs the exchange inside its span, so a fetch instrumentation nests under it', async () => {
    // What NodeSDK registers, in its smallest form: the active context follows async calls.
    const storage = new AsyncLocalStorage<Context>();
    const manager: ContextManager = {
      active: () => storage.getStore() ?? ROOT_CONTEXT,
      with: (active, fn, thisArg, ...args) => storage.run(active, () => fn.call(thisArg, ...args)),
      bind: (_active, target) => target,
      enable() {
        return this;
      },
      disable() {
        return this;
      },
    };
    context.setGlobalContextManager(manager);
    try {
      const seen: (string | undefined)[] = [];
      const spying: typeof fetch = (input, init) => {
        seen.push(trace.getActiveSpan()?.spanContext().spanId);
        return fetch(input, init);
      };
      await astratoClient({ fetch: spying }).getAccessToken();
      expect(seen).toEqual([spans()[0]?.spanContext().spanId]);
    } finally {
      context.disable();
    }
  });

  it('uses a tracerProvider passed in instead of the global one', async () => {
    const ownExporter = new InMemorySpanExporter();
    const own = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(ownExporter)] });
    await astratoClient({ tracerProvider: own }).getAccessToken();
    expect(ownExporter.getFinishedSpans().map((span) => span.name)).toEqual(['POST /auth/proxy/m2m/token']);
    expect(spans()).toEqual([]);
  });

  it('creates no recorded span when no provider is registered, and the call still succeeds', async () => {
    trace.disable();
    await expect(astratoClient().getAccessToken()).resolves.toEqual(expect.any(String));
    expect(spans()).toEqual([]);
  });

  it('keeps the call working when the provider throws', async () => {
    const broken = {
      getTracer: () => {
        throw new Error('exporter misconfigured');
      },
    };
    await expect(astratoClient({ tracerProvider: broken }).getAccessToken()).resolves.toEqual(expect.any(String));
  });

  it.each(['setAttributes', 'addEvent', 'setStatus', 'end'])('keeps every call working when a span’s %s throws', async (broken) => {
    const calls: string[] = [];
    const span = Object.fromEntries(
      ['setAttributes', 'addEvent', 'setStatus', 'end'].map((method) => [
        method,
        () => {
          calls.push(method);
          if (method === broken) throw new Error(`${method} failed`);
        },
      ]),
    );
    const client = astratoClient({ tracerProvider: { getTracer: () => ({ startSpan: () => span }) } });
    astratoEmulator.faults.add({ path: '/auth/proxy/m2m/token', times: 1, action: { status: 503 } });
    astratoEmulator.faults.add({ path: '/oem/setup', times: 1, action: { status: 400 } });
    await expect(client.getAccessToken()).resolves.toEqual(expect.any(String));
    await expect(client.setup({ email: 'ana@example.com', groupNames: ['Viewers'] })).rejects.toMatchObject({ code: 'API_ERROR', status: 400 });
    // A span that failed is still ended, and never touched after its end.
    expect(calls.filter((method) => method === 'end')).toHaveLength(2);
    expect(calls.at(-1)).toBe('end');
  });

  it('makes no span of what a tracer answers that is not a span, and the call goes on', async () => {
    for (const answer of [undefined, 42, {}, { end: () => {} }]) {
      const client = astratoClient({ tracerProvider: { getTracer: () => ({ startSpan: () => answer }) } });
      await expect(client.getAccessToken()).resolves.toEqual(expect.any(String));
    }
  });

  it('runs the exchange once, outside the span, when the context manager throws, never calls back or calls back twice', async () => {
    const managers: Partial<ContextManager>[] = [
      {
        with: () => {
          throw new Error('context manager failed');
        },
      },
      { with: (() => undefined) as ContextManager['with'] },
      { with: (_active, fn, thisArg, ...args) => (fn.call(thisArg, ...args), fn.call(thisArg, ...args)) },
    ];
    for (const manager of managers) {
      context.setGlobalContextManager({ active: () => ROOT_CONTEXT, bind: (_active, target) => target, enable() { return this; }, disable() { return this; }, ...manager } as ContextManager);
      try {
        let requests = 0;
        const counting: typeof fetch = (input, init) => (requests++, fetch(input, init));
        await expect(astratoClient({ fetch: counting }).getAccessToken()).resolves.toEqual(expect.any(String));
        expect(requests).toBe(1);
      } finally {
        context.disable();
      }
    }
  });

  it('keeps the call working when the global registry cannot be read', async () => {
    const corrupted = Object.defineProperty({}, OPENTELEMETRY_REGISTRY_KEY, {
      get: () => {
        throw new Error('global registry corrupted');
      },
    });
    const call = new CallTelemetry({ service: 'astrato', baseUrl: 'https://tenant.astrato.test', log: () => {} }, 'POST', '/oem/setup', readOpenTelemetryGlobals(corrupted));
    expect(await call.within(async () => 'answered')).toBe('answered');
    expect(() => call.succeeded(200, 1, undefined)).not.toThrow();
  });

  it('records the span and runs the exchange when the host registered a provider but no context manager', async () => {
    const globals = readOpenTelemetryGlobals();
    expect(globals?.contextManager).toBeUndefined();
    const call = new CallTelemetry({ service: 'astrato', baseUrl: 'https://tenant.astrato.test', log: () => {} }, 'POST', '/oem/setup', globals);
    expect(await call.within(async () => 'answered')).toBe('answered');
    call.succeeded(200, 1, undefined);
    expect(byName('POST /oem/setup')).toHaveLength(1);
  });

  it('refuses a tracerProvider without getTracer when the client is made', () => {
    expect(() => astratoClient({ tracerProvider: {} })).toThrow(/tracerProvider: must be an OpenTelemetry TracerProvider/);
    expect(() => new DataBrainClient({ apiKey: 'key', tracerProvider: 'global' as never })).toThrow(/tracerProvider/);
  });
});

describe('the OpenTelemetry registry on globalThis', () => {
  it('finds the provider and the context manager the host registered through @opentelemetry/api', () => {
    const manager = { active: () => ROOT_CONTEXT, with: <T>(_active: Context, fn: () => T) => fn(), bind: <T>(_active: Context, target: T) => target, enable() { return this; }, disable() { return this; } };
    context.setGlobalContextManager(manager as ContextManager);
    try {
      expect(readOpenTelemetryGlobals()).toEqual({ tracerProvider: trace.getTracerProvider(), contextManager: manager });
    } finally {
      context.disable();
    }
  });

  it('finds nothing once the host unregistered it, or where no API ever registered', () => {
    trace.disable();
    expect(readOpenTelemetryGlobals()).toBeNull();
    expect(readOpenTelemetryGlobals({})).toBeNull();
  });

  it('counts what is not a provider or a context manager as not registered, and an API of another major as absent', () => {
    expect(readOpenTelemetryGlobals({ [OPENTELEMETRY_REGISTRY_KEY]: { version: '1.9.0', trace: {}, context: { active: 1 } } })).toBeNull();
    expect(readOpenTelemetryGlobals({ [OPENTELEMETRY_REGISTRY_KEY]: 'corrupted' })).toBeNull();
    expect(readOpenTelemetryGlobals({ [Symbol.for('opentelemetry.js.api.2')]: { version: '2.0.0', trace: trace.getTracerProvider() } })).toBeNull();
  });

  it('uses a provider the host registers after the client was made', async () => {
    trace.disable();
    const client = astratoClient();
    trace.setGlobalTracerProvider(provider);
    await client.getAccessToken();
    expect(spans().map((span) => span.name)).toEqual(['POST /auth/proxy/m2m/token']);
  });

  it('with nothing registered, makes no span, and still runs the call', async () => {
    const call = new CallTelemetry({ service: 'astrato', baseUrl: 'https://tenant.astrato.test', log: () => {} }, 'POST', '/oem/setup', null);
    expect(await call.within(async () => 'answered')).toBe('answered');
    call.succeeded(200, 1, undefined);
    expect(spans()).toEqual([]);
  });

  it('with nothing registered, still makes a client span from a provider passed in', () => {
    const ownExporter = new InMemorySpanExporter();
    const own = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(ownExporter)] });
    const call = new CallTelemetry({ service: 'astrato', baseUrl: 'https://tenant.astrato.test', log: () => {}, tracerProvider: own }, 'POST', '/oem/setup', null);
    call.failed(new Error('not oemkit'), 1);
    const [span] = ownExporter.getFinishedSpans();
    expect(span).toMatchObject({ name: 'POST /oem/setup', kind: SPAN_KIND_CLIENT, status: { code: SPAN_STATUS_ERROR } });
    expect(span?.attributes).toMatchObject({ 'server.address': 'tenant.astrato.test', 'server.port': 443, 'error.type': 'UNEXPECTED' });
  });
});
