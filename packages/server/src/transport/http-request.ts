/**
 * What one request through the HTTP client is: its method, path, body, and what counts as its answer.
 *
 * @module
 */
import type * as z from 'zod/mini';

/**
 * @internal One request through `HttpClient.request`: the path under the client's base URL,
 * and what its answer must be.
 */
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
