/**
 * The one place HTTP happens on the server. ky runs the attempts; oemkit decides every retry and
 * its wait, bounds each exchange (no redirects, a deadline that covers the body, a size cap),
 * and turns everything that can go wrong into typed errors that hold no request object, header,
 * body or secret.
 */
import { AbortedError, ConnectionError, InvalidResponseError, RequestTimeoutError, ValidationError, type RequestContext, type ValidationIssue, type Service } from '@oemkit/schema/errors';
import { DEFAULT_REQUEST_TIMEOUT } from '@oemkit/schema';
import { durationProblem, LARGEST_BODY, createApiError, formatValidationIssues, toValidationIssues } from '@oemkit/schema/internal';
import ky, { HTTPError, TimeoutError } from 'ky';
import type * as z from 'zod/mini';
import { parseCookies } from './cookies.js';
import { RefusedExchange, boundedFetch } from './bounded-exchange.js';
import { plainIdentifier } from '../redaction/plain-identifier.js';
import { createRedactor, redactUrl, type Redactor } from '../redaction/redact.js';
import { readRetryAfter } from './retry-after.js';
import { safeCause } from '../redaction/safe-cause.js';
import { createSecretFinder } from '../redaction/secret-mask.js';
import { CallTelemetry, type TelemetryTarget } from '../observability/call-telemetry.js';
import type { Log } from '../observability/logger.js';
import { readOpenTelemetryGlobals, type TracerProviderLike } from '../observability/tracing.js';
import { vendorFields } from './vendor-fields.js';

/**
 * How failed requests are retried: connection errors, 408, 429 and 5xx, with exponential backoff
 * (300 ms, 600 ms, 1.2 s, ...) and full jitter, or after the wait the server asked for in
 * `Retry-After` (or `RateLimit-Reset`, `X-RateLimit-Reset` and their kin, read by one rule). A
 * wait oemkit cannot read (`soon`) counts as none given: it backs off, never waits the cap.
 * Timeouts, redirects and other 4xx answers are not retried.
 *
 * @example
 * ```ts
 * import { AstratoClient, type RetryOptions } from '@oemkit/server';
 * const retry: RetryOptions = { limit: 4, backoffLimit: 5_000 };
 * const client = new AstratoClient({ clientId, clientSecret, retry });
 * ```
 */
export interface RetryOptions {
  /** Retries after the first attempt; `0` turns retrying off. @default 2 */
  limit?: number | undefined;
  /** The longest single backoff delay in milliseconds. @default 10000 */
  backoffLimit?: number | undefined;
  /**
   * The longest server-requested wait to honour, in milliseconds. A server asking for longer gets
   * no retry; the call fails at once with a `RateLimitError` (or `ApiError` for a 503) carrying
   * `retryAfter`.
   * @default 30000
   */
  maxRetryAfter?: number | undefined;
}

/**
 * Transport options shared by every client.
 *
 * @example
 * ```ts
 * import type { TransportOptions } from '@oemkit/server';
 * const transport: TransportOptions = { timeout: 5_000, retry: 3 };
 * ```
 */
export interface TransportOptions {
  /**
   * Milliseconds each attempt may take, from sending the request to the last byte of the answer.
   * @default 10000
   */
  timeout?: number | undefined;
  /** Retry policy, or just the retry limit. @default 2 */
  retry?: number | RetryOptions | undefined;
  /**
   * A `fetch` to use instead of the global one (a proxy agent, a test double). oemkit asks it not
   * to follow redirects and refuses an answer that followed one anyway.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch | undefined;
}

/** What a vendor's error body says, already read from its own shape. */
export interface VendorErrorDetails {
  vendorCode?: string | undefined;
  vendorMessage?: string | undefined;
  correlationId?: string | undefined;
}

/** @internal */
export interface HttpClientConfig extends TransportOptions {
  service: Service;
  baseUrl: string;
  readErrorBody: (body: unknown) => VendorErrorDetails;
  /**
   * Secrets sent in request bodies (the client secret), to scrub from anything the vendor says
   * back. Credentials in the `authorization` and `cookie` headers are scrubbed without being named.
   */
  secrets?: () => readonly string[];
  /** Where each call's `oemkit.request.*` events go. */
  log?: Log | undefined;
  /** Where each call's span goes, instead of the global provider. */
  tracerProvider?: TracerProviderLike | undefined;
}

/** @internal */
export interface HttpRequest<T> {
  method: 'GET' | 'POST';
  path: string;
  json?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /** Validates a 2xx body; without it the body is not read. */
  schema?: z.ZodMiniType<T>;
  /** A 3xx is the answer (sign-out); it is still never followed. @default false */
  acceptRedirect?: boolean;
  /** Statuses to treat as success besides 2xx. */
  alsoOk?: (status: number) => boolean;
  /**
   * The credentials a valid 2xx body hands out (the m2m token, a ticket, a guest token), by field.
   * One that holds a secret this request sent (a vendor echoing the client secret, the token or the
   * API key back as a ticket) is refused, since it would be passed on as if it were safe to give
   * out; and none of them is ever kept as the call's correlation id.
   */
  issued?(body: T): Readonly<Record<string, string>>;
}

interface RetryPolicy {
  limit: number;
  backoffLimit: number;
  maxRetryAfter: number;
}

/** The secrets a request sent, and what scrubs or finds them, each built on first use. */
interface KnownSecrets {
  readonly secrets: readonly string[];
  redactor?: Redactor;
  finder?: (text: string) => boolean;
}

const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];
/** Sets of secrets kept with their redactor and finder: the token call, setup, and a few others. */
const KNOWN_SECRET_SETS = 4;
const FIRST_BACKOFF = 300;

/** @internal Sends requests for one client. */
export class HttpClient {
  readonly #config: HttpClientConfig;
  readonly #timeout: number;
  readonly #retry: RetryPolicy;
  readonly #fetch: typeof fetch;
  readonly #telemetry: TelemetryTarget;
  /**
   * The redactor and finder of each set of secrets recently sent (the token call's, setup's with
   * its token, a sign-out's cookie), most recently used last: built once per set, since building
   * one for a token costs milliseconds and using it microseconds.
   */
  readonly #known = new Map<string, KnownSecrets>();

  constructor(config: HttpClientConfig) {
    this.#config = config;
    this.#timeout = checkTimeout(config.timeout);
    this.#retry = checkRetry(config.retry);
    if (config.fetch !== undefined && typeof config.fetch !== 'function') {
      throw new ValidationError('client options', [{ path: ['fetch'], message: 'must be a fetch function' }]);
    }
    // Looked up per call when not given, so a fetch replaced later (msw, a test) is the one used.
    this.#fetch = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#telemetry = { service: config.service, baseUrl: config.baseUrl, log: config.log ?? (() => {}), tracerProvider: config.tracerProvider };
  }

  async request<T>(request: HttpRequest<T>): Promise<{ status: number; body: T; headers: Headers }> {
    const context: RequestContext = {
      service: this.#config.service,
      method: request.method,
      url: redactUrl(`${this.#config.baseUrl}/${request.path}`),
    };
    // Read at each call, so a provider the host registers after making the client is used.
    const globals = readOpenTelemetryGlobals();
    // The path is the route: oemkit's API paths hold no id, email or query.
    const call = new CallTelemetry(this.#telemetry, request.method, `/${request.path}`, globals);
    let attempts = 0;
    let nextDelay = 0;
    let response: Response;
    try {
      response = await call.within(() => ky(`${this.#config.baseUrl}/${request.path}`, {
        method: request.method,
        ...(request.json === undefined ? {} : { json: request.json }),
        ...(request.headers ? { headers: request.headers } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
        redirect: 'manual',
        timeout: this.#timeout,
        fetch: boundedFetch(this.#fetch, { acceptRedirect: request.acceptRedirect ?? false, readBody: request.schema !== undefined }, () => attempts++),
        throwHttpErrors: (status) => !request.alsoOk?.(status),
        retry: {
          limit: this.#retry.limit,
          // Both POSTs are safe to repeat: a second token is harmless, an unused ticket expires in 60 s.
          methods: ['get', 'post'],
          statusCodes: RETRY_STATUSES,
          // Every wait is decided in shouldRetry and handed to ky through `delay`.
          afterStatusCodes: [],
          jitter: undefined,
          backoffLimit: Number.POSITIVE_INFINITY,
          delay: () => nextDelay,
          shouldRetry: ({ error, retryCount }) => {
            const wait = request.signal?.aborted ? undefined : this.#retryDelay(error, retryCount);
            if (wait === undefined) return false;
            call.retrying(retryCount, ...this.#retryReason(error, request), wait);
            nextDelay = wait;
            return true;
          },
        },
      }));
    } catch (error) {
      const failure = await this.#translate(error, context, request, attempts);
      call.failed(failure, attempts);
      throw failure;
    }
    let body = undefined as T;
    let issued: Readonly<Record<string, string>> = {};
    try {
      if (request.schema) body = parseBody(await response.text(), request.schema, context, response, () => this.#redactor(request));
      if (request.issued) issued = this.#checkIssued(request.issued(body), request, context, response.status);
    } catch (error) {
      call.failed(error, attempts);
      throw error;
    }
    call.succeeded(response.status, attempts, this.#correlationId(response, request, Object.values(issued)));
    return { status: response.status, body, headers: response.headers };
  }

  /** The credentials an answer hands out, or an error when one of them holds a secret the request sent. */
  #checkIssued(issued: Readonly<Record<string, string>>, request: HttpRequest<unknown>, context: RequestContext, status: number): Readonly<Record<string, string>> {
    const known = this.#knownFor(request);
    const find = (known.finder ??= createSecretFinder(known.secrets));
    for (const [field, value] of Object.entries(issued)) {
      if (find(value)) {
        throw new InvalidResponseError(context, status, `${field} holds a credential this request sent (echoed back), so it is not handed out`);
      }
    }
    return issued;
  }

  /** Why an attempt is retried, for logs and spans: the status as text, or the network error's plain code. */
  #retryReason(error: Error, request: HttpRequest<unknown>): [reason: string, status: number | undefined] {
    if (error instanceof HTTPError) return [String(error.response.status), error.response.status];
    const code = safeCause(error, this.#redactor(request)) as Error & { code?: string; cause?: Error & { code?: string } };
    return [code.code ?? code.cause?.code ?? 'CONNECTION_ERROR', undefined];
  }

  /**
   * A successful answer's correlation id, when the vendor sends one in a header, by the same rule
   * as a failure's: kept only as a plain identifier that holds no secret, neither one the request
   * sent nor one the answer hands out (`issued`).
   */
  #correlationId(response: Response, request: HttpRequest<unknown>, issued: readonly string[]): string | undefined {
    const id = plainIdentifier(response.headers.get('x-correlation-id'), this.#redactor(request));
    // What the answer hands out is new with each answer, so its redactor is not kept: a ticket is
    // short, a token rare, and none is built for a header the identifier rule already dropped.
    return issued.length === 0 || id === undefined ? id : plainIdentifier(id, createRedactor(issued));
  }

  /** Milliseconds to wait before the next attempt, or `undefined` for no retry. */
  #retryDelay(error: Error, attempt: number): number | undefined {
    if (error instanceof RefusedExchange || error instanceof TimeoutError) return undefined;
    if (error instanceof HTTPError) {
      if (!RETRY_STATUSES.includes(error.response.status)) return undefined;
      const retryAfter = readRetryAfter(error.response.headers);
      if (retryAfter !== undefined) return retryAfter * 1000 <= this.#retry.maxRetryAfter ? retryAfter * 1000 : undefined;
    }
    return Math.random() * Math.min(this.#retry.backoffLimit, FIRST_BACKOFF * 2 ** (attempt - 1));
  }

  /** Scrubs what the vendor says of the secrets this request carries: configured, and in its headers. */
  #redactor(request: HttpRequest<unknown>): Redactor {
    const known = this.#knownFor(request);
    return (known.redactor ??= createRedactor(known.secrets));
  }

  #knownFor(request: HttpRequest<unknown>): KnownSecrets {
    const secrets = [...(this.#config.secrets?.() ?? []), ...credentialsIn(request.headers)];
    const key = secrets.join('\0');
    const known = this.#known.get(key) ?? { secrets };
    // Least recently used out: a sign-out's cookie is a set of its own, and must not push out setup's.
    this.#known.delete(key);
    this.#known.set(key, known);
    if (this.#known.size > KNOWN_SECRET_SETS) this.#known.delete(this.#known.keys().next().value!);
    return known;
  }

  async #translate(error: unknown, context: RequestContext, request: HttpRequest<unknown>, attempts: number): Promise<Error> {
    const signal = request.signal;
    // Made once for every string of this error: a long token has hundreds of thousands of fragments.
    const redactor = this.#redactor(request);
    if (error instanceof RefusedExchange) {
      const { refusal } = error;
      if (refusal.kind === 'redirect') {
        return createApiError({ ...context, status: refusal.status, ...vendorFields({ redirectOrigin: refusal.origin }, redactor) });
      }
      return new InvalidResponseError(context, refusal.status, `the body is larger than ${LARGEST_BODY} bytes`);
    }
    if (error instanceof HTTPError) {
      const response = error.response;
      const body = parseJson(await response.text());
      const details = body === undefined ? {} : this.#config.readErrorBody(body);
      const said = {
        ...details,
        correlationId: details.correlationId ?? response.headers.get('x-correlation-id') ?? undefined,
        retryAfter: readRetryAfter(response.headers),
      };
      return createApiError({ ...context, status: response.status, ...vendorFields(said, redactor) });
    }
    if (signal?.aborted) return new AbortedError(describe(context), signal.reason);
    if (error instanceof TimeoutError) return new RequestTimeoutError(context, this.#timeout);
    if (attempts === 0) {
      // Nothing was sent: the request could not even be built (a header value the runtime refuses).
      const reason = safeCause(error, redactor).message;
      return new ValidationError('request', [{ path: [], message: `could not be built (${reason})` }]);
    }
    // Anything else is a network failure: undici's "fetch failed", or whatever a custom fetch threw.
    return new ConnectionError(context, safeCause(error, redactor));
  }
}

/**
 * The credentials a request carries in its headers: the bearer value of `authorization` (the m2m
 * token or API key actually sent, not whichever is cached now), and the `cookie` header with each
 * cookie's value, in case the vendor echoes any of them back.
 */
function credentialsIn(headers: Record<string, string> | undefined): string[] {
  const credentials: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    // The credential alone: its scheme is no secret, and every form of the header holds the credential's.
    if (name.toLowerCase() === 'authorization') credentials.push(value.slice(value.indexOf(' ') + 1));
    if (name.toLowerCase() === 'cookie') credentials.push(value, ...parseCookies(value).values());
  }
  return credentials;
}

function describe(context: RequestContext): string {
  return `${context.method} ${context.url}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseBody<T>(text: string, schema: z.ZodMiniType<T>, context: RequestContext, response: Response, redactor: () => Redactor): T {
  const json = parseJson(text);
  if (json === undefined) {
    // Never quote the body: it may be a token. Its type is enough to diagnose an HTML error page,
    // and is quoted only when it holds no secret, since the vendor can put anything there.
    const header = response.headers.get('content-type');
    const type = header === null ? 'no content type' : (redactor().clean(header.slice(0, 100)) ?? 'a content type that is not quoted');
    throw new InvalidResponseError(context, response.status, `the body is not JSON (${type}, ${text.length} characters)`);
  }
  const result = schema.safeParse(json, { reportInput: true });
  if (result.success) return result.data;
  throw new InvalidResponseError(context, response.status, formatValidationIssues(toValidationIssues(result.error.issues)));
}

function checkTimeout(timeout: number | undefined): number {
  if (timeout === undefined) return DEFAULT_REQUEST_TIMEOUT;
  const problem = durationProblem(timeout, 1);
  if (problem) throw new ValidationError('client options', [{ path: ['timeout'], message: problem }]);
  return timeout;
}

function checkRetry(retry: unknown): RetryPolicy {
  if (retry !== undefined && typeof retry !== 'number' && (typeof retry !== 'object' || retry === null)) {
    throw new ValidationError('client options', [{ path: ['retry'], message: 'must be a number of retries or { limit, backoffLimit, maxRetryAfter }' }]);
  }
  const options = (typeof retry === 'number' ? { limit: retry } : (retry ?? {})) as RetryOptions;
  const resolved = { limit: options.limit ?? 2, backoffLimit: options.backoffLimit ?? 10_000, maxRetryAfter: options.maxRetryAfter ?? 30_000 };
  const issues: ValidationIssue[] = [];
  if (!Number.isInteger(resolved.limit) || resolved.limit < 0) issues.push({ path: ['retry', 'limit'], message: 'must be a whole number of retries, 0 or more' });
  for (const key of ['backoffLimit', 'maxRetryAfter'] as const) {
    const problem = durationProblem(resolved[key]);
    if (problem) issues.push({ path: ['retry', key], message: problem });
  }
  if (issues.length > 0) throw new ValidationError('client options', issues);
  return resolved;
}
