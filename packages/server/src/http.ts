/**
 * The one place HTTP happens on the server: ky does retries, backoff with jitter, `Retry-After`
 * and timeouts; this file turns everything that can go wrong into oemkit's typed errors and makes
 * sure no request object, header or body (with their credentials) ever reaches one.
 */
import {
  AbortedError,
  ConnectionError,
  InvalidResponseError,
  RequestTimeoutError,
  ValidationError,
  createApiError,
  toValidationIssues,
  type RequestContext,
  type Service,
} from '@oemkit/schema';
import ky, { HTTPError, TimeoutError, type KyInstance } from 'ky';
import type * as z from 'zod/mini';
import { redactText, redactUrl } from './lib/redact.js';

/**
 * How failed requests are retried: connection errors, 408, 429 and 5xx, with exponential backoff
 * (300 ms, 600 ms, 1.2 s, ...) and full jitter, or after the server's `Retry-After`.
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
   * The longest `Retry-After` to wait for, in milliseconds. A server asking for longer gets no
   * retry; the call fails at once with a `RateLimitError` carrying `retryAfter`.
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
  /** Milliseconds to wait for each attempt's answer. @default 10000 */
  timeout?: number | undefined;
  /** Retry policy, or just the retry limit. @default 2 */
  retry?: number | RetryOptions | undefined;
  /** A `fetch` to use instead of the global one (a proxy agent, a test double). @default globalThis.fetch */
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
  redirect?: RequestRedirect;
  /** Statuses to treat as success besides 2xx. */
  alsoOk?: (status: number) => boolean;
}

const DEFAULT_TIMEOUT = 10_000;
const LONGEST_TIMER = 2_147_483_647;
const RETRY_AFTER_STATUSES = [429, 503];

/** @internal Sends requests for one client. */
export class HttpClient {
  readonly #ky: KyInstance;
  readonly #config: HttpClientConfig;
  readonly #timeout: number;

  constructor(config: HttpClientConfig) {
    this.#config = config;
    this.#timeout = checkTimeout(config.timeout);
    const retry = checkRetry(config.retry);
    this.#ky = ky.create({
      prefixUrl: `${config.baseUrl}/`,
      timeout: this.#timeout,
      ...(config.fetch ? { fetch: config.fetch } : {}),
      retry: {
        limit: retry.limit,
        // Both POSTs are safe to repeat: a second token is harmless, an unused ticket expires in 60 s.
        methods: ['get', 'post'],
        statusCodes: [408, 429, 500, 502, 503, 504],
        afterStatusCodes: RETRY_AFTER_STATUSES,
        backoffLimit: retry.backoffLimit,
        maxRetryAfter: retry.maxRetryAfter,
        jitter: true,
        shouldRetry: ({ error }) => {
          if (!(error instanceof HTTPError) || !RETRY_AFTER_STATUSES.includes(error.response.status)) return undefined;
          const retryAfter = parseRetryAfter(error.response.headers.get('retry-after'));
          return retryAfter !== undefined && retryAfter * 1000 > retry.maxRetryAfter ? false : undefined;
        },
      },
    });
  }

  async request<T>(request: HttpRequest<T>): Promise<{ status: number; body: T; headers: Headers }> {
    const context: RequestContext = {
      service: this.#config.service,
      method: request.method,
      url: redactUrl(`${this.#config.baseUrl}/${request.path}`),
    };
    let response: Response;
    try {
      response = await this.#ky(request.path, {
        method: request.method,
        ...(request.json === undefined ? {} : { json: request.json }),
        ...(request.headers ? { headers: request.headers } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
        ...(request.redirect ? { redirect: request.redirect } : {}),
        throwHttpErrors: (status) => !request.alsoOk?.(status),
      });
    } catch (error) {
      throw await this.#translate(error, context, request);
    }
    if (!request.schema) {
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status, body: undefined as T, headers: response.headers };
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw request.signal?.aborted ? new AbortedError(describe(context), request.signal.reason) : new ConnectionError(context, error);
    }
    return { status: response.status, body: parseBody(text, request.schema, context, response), headers: response.headers };
  }

  async #translate(error: unknown, context: RequestContext, request: HttpRequest<unknown>): Promise<Error> {
    const signal = request.signal;
    if (error instanceof HTTPError) {
      const response = error.response;
      const body = await response.text().then(parseJson, () => undefined);
      const details = body === undefined ? {} : this.#config.readErrorBody(body);
      const secrets = [...(this.#config.secrets?.() ?? []), ...credentialsIn(request.headers)];
      return createApiError({
        ...context,
        status: response.status,
        vendorCode: details.vendorCode,
        vendorMessage: details.vendorMessage === undefined ? undefined : redactText(details.vendorMessage, secrets),
        correlationId: details.correlationId ?? response.headers.get('x-correlation-id') ?? undefined,
        retryAfter: parseRetryAfter(response.headers.get('retry-after')),
      });
    }
    if (signal?.aborted) return new AbortedError(describe(context), signal.reason);
    if (error instanceof TimeoutError) return new RequestTimeoutError(context, this.#timeout);
    // Anything else is the runtime's own network failure (undici's "fetch failed" and its cause).
    return new ConnectionError(context, error);
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
    if (name.toLowerCase() === 'authorization') credentials.push(value, value.slice(value.indexOf(' ') + 1));
    if (name.toLowerCase() === 'cookie') credentials.push(value, ...value.split(';').map((pair) => pair.slice(pair.indexOf('=') + 1).trim()));
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

function parseBody<T>(text: string, schema: z.ZodMiniType<T>, context: RequestContext, response: Response): T {
  const json = parseJson(text);
  if (json === undefined) {
    // Never quote the body: it may be a token. Its type is enough to diagnose an HTML error page.
    const type = response.headers.get('content-type') ?? 'no content type';
    throw new InvalidResponseError(context, response.status, `the body is not JSON (${type}, ${text.length} bytes)`);
  }
  const result = schema.safeParse(json, { reportInput: true });
  if (result.success) return result.data;
  const issues = toValidationIssues(result.error.issues).map((issue) =>
    issue.path.length > 0 ? `${issue.path.join('.')} ${issue.message}` : issue.message,
  );
  throw new InvalidResponseError(context, response.status, issues.join('; '));
}

/** Reads `Retry-After` as seconds, from either form the header may take. */
export function parseRetryAfter(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function checkTimeout(timeout: number | undefined): number {
  if (timeout === undefined) return DEFAULT_TIMEOUT;
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > LONGEST_TIMER) {
    throw new ValidationError('client options', [{ path: ['timeout'], message: `must be a number of milliseconds from 1 to ${LONGEST_TIMER}` }]);
  }
  return timeout;
}

function checkRetry(retry: number | RetryOptions | undefined): { limit: number; backoffLimit: number; maxRetryAfter: number } {
  const options = typeof retry === 'number' ? { limit: retry } : (retry ?? {});
  const resolved = { limit: options.limit ?? 2, backoffLimit: options.backoffLimit ?? 10_000, maxRetryAfter: options.maxRetryAfter ?? 30_000 };
  const issues = Object.entries(resolved)
    .filter(([, value]) => !Number.isInteger(value) || value < 0)
    .map(([key]) => ({ path: ['retry', key], message: 'must be a whole number, 0 or more' }));
  if (issues.length > 0) throw new ValidationError('client options', issues);
  return resolved;
}

