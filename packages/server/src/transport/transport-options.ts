/**
 * The transport options every client takes (timeout, retry, fetch), and what a client
 * tells its HTTP client about its vendor.
 *
 * @module
 */
import type { Service } from '@oemkit/schema/errors';
import type { Log } from '../observability/logger.js';
import type { TracerProviderLike } from '../observability/tracing.js';

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
 * import { AstratoClient, DataBrainClient, type TransportOptions } from '@oemkit/server';
 * // One policy for both vendors: 5 s an attempt, 3 retries.
 * const transport: TransportOptions = { timeout: 5_000, retry: 3 };
 * const astrato = new AstratoClient({ clientId, clientSecret, ...transport });
 * const databrain = new DataBrainClient({ apiKey: process.env.DATABRAIN_API_KEY!, ...transport });
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

/**
 * @internal What a vendor's error body says, already read from its own shape.
 */
export interface VendorErrorDetails {
  vendorCode?: string | undefined;
  vendorMessage?: string | undefined;
  correlationId?: string | undefined;
}

/**
 * @internal What a vendor client tells its `HttpClient`: the transport options it was given,
 * its vendor, and how that vendor words its errors.
 */
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
