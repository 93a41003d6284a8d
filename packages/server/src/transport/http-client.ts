/**
 * The one place HTTP happens on the server. The first attempt goes out directly, the retries
 * through ky (`attempts.ts`); oemkit decides every retry and its wait (`retry-decision.ts`), bounds each exchange (no redirects, a deadline that
 * covers the body, a size cap: `bounded-exchange.ts`), and turns everything that can go wrong into
 * typed errors that hold no request object, header, body or secret (`failure-translation.ts`).
 *
 * @module
 */
import { InvalidResponseError, type RequestContext } from '@oemkit/schema/errors';
import { CallTelemetry, type TelemetryTarget } from '../observability/call-telemetry.js';
import { readOpenTelemetryGlobals } from '../observability/tracing.js';
import { plainIdentifier } from '../redaction/plain-identifier.js';
import { createRedactor, redactUrl, type Redactor } from '../redaction/redact.js';
import { RedactorCache } from '../redaction/redactor-cache.js';
import { attempt } from './attempts.js';
import { answerText } from './bounded-exchange.js';
import { translateFailure } from './failure-translation.js';
import type { HttpRequest } from './http-request.js';
import { credentialsIn } from './request-credentials.js';
import { parseBody } from './response-body.js';
import { decideRetry } from './retry-decision.js';
import { retryReason } from './retry-reason.js';
import { checkTransport, type CheckedTransport } from './transport-option-checks.js';
import type { HttpClientConfig } from './transport-options.js';

/**
 * @internal Sends the requests of one vendor client.
 */
export class HttpClient {
  readonly #config: HttpClientConfig;
  readonly #transport: CheckedTransport;
  readonly #telemetry: TelemetryTarget;
  readonly #redactors = new RedactorCache();
  /** Each API path's redacted URL, for errors: the paths are this client's own, a handful. */
  readonly #urls = new Map<string, string>();

  constructor(config: HttpClientConfig) {
    this.#config = config;
    this.#transport = checkTransport(config);
    this.#telemetry = { service: config.service, baseUrl: config.baseUrl, log: config.log ?? (() => {}), tracerProvider: config.tracerProvider };
  }

  /** Sends `request`, retrying as the policy says, and gives its status, checked body and headers. */
  async request<T>(request: HttpRequest<T>): Promise<{ status: number; body: T; headers: Headers }> {
    const context: RequestContext = { service: this.#config.service, method: request.method, url: this.#redactedUrl(request.path) };
    // The secrets of this request, gathered once and only when something is scrubbed or checked.
    let secrets: string[] | undefined;
    const secretsOf = () => (secrets ??= this.#secretsOf(request));
    const redactor = () => this.#redactors.redactor(secretsOf());
    // Read at each call, so a provider the host registers after making the client is used.
    const globals = readOpenTelemetryGlobals();
    // The path is the route: oemkit's API paths hold no id, email or query.
    const call = new CallTelemetry(this.#telemetry, request.method, `/${request.path}`, globals);
    const { timeout, retry, fetch } = this.#transport;
    let attempts = 0;
    let response: Response;
    try {
      // Serialized here, inside the try: a body that cannot be (a BigInt) is a request that could not be built.
      response = await call.within(() =>
        attempt({
          url: `${this.#config.baseUrl}/${request.path}`,
          method: request.method,
          headers: headersOf(request),
          signal: request.signal,
          timeout,
          rules: { acceptRedirect: request.acceptRedirect ?? false, readBody: request.schema !== undefined, body: bodyOf(request) },
          alsoOk: request.alsoOk,
          fetch,
          retry,
          onAttempt: () => attempts++,
          decide: (error, attempt) => {
            const decision = request.signal?.aborted ? { retry: false as const } : decideRetry(error, attempt, retry);
            if (decision.retry) call.retrying(attempt, ...retryReason(error, redactor()), decision.delayMs);
            return decision;
          },
        }),
      );
    } catch (error) {
      const failure = await translateFailure(error, {
        context,
        signal: request.signal,
        attempts,
        timeout,
        redactor: redactor(),
        readErrorBody: this.#config.readErrorBody,
      });
      call.failed(failure, attempts);
      throw failure;
    }
    let body = undefined as T;
    let issued: Readonly<Record<string, string>> = {};
    try {
      if (request.schema) body = parseBody(await answerText(response), request.schema, context, response, redactor);
      if (request.issued) issued = this.#checkIssued(request.issued(body), secretsOf(), context, response.status);
    } catch (error) {
      call.failed(error, attempts);
      throw error;
    }
    call.succeeded(response.status, attempts, this.#correlationId(response, redactor, Object.values(issued)));
    return { status: response.status, body, headers: response.headers };
  }

  /** The credentials an answer hands out, or an error when one of them holds a secret the request sent. */
  #checkIssued(issued: Readonly<Record<string, string>>, secrets: readonly string[], context: RequestContext, status: number): Readonly<Record<string, string>> {
    const find = this.#redactors.finder(secrets);
    for (const [field, value] of Object.entries(issued)) {
      if (find(value)) {
        throw new InvalidResponseError(context, status, `${field} holds a credential this request sent (echoed back), so it is not handed out`);
      }
    }
    return issued;
  }

  /**
   * A successful answer's correlation id, when the vendor sends one in a header, by the same rule
   * as a failure's: kept only as a plain identifier that holds no secret, neither one the request
   * sent nor one the answer hands out (`issued`).
   */
  #correlationId(response: Response, redactor: () => Redactor, issued: readonly string[]): string | undefined {
    const header = response.headers.get('x-correlation-id');
    // Most answers carry none: then no redactor is looked up.
    if (header === null) return undefined;
    const id = plainIdentifier(header, redactor());
    // What the answer hands out is new with each answer, so its redactor is not kept: a ticket is
    // short, a token rare, and none is built for a header the identifier rule already dropped.
    return issued.length === 0 || id === undefined ? id : plainIdentifier(id, createRedactor(issued));
  }

  #redactedUrl(path: string): string {
    let url = this.#urls.get(path);
    if (url === undefined) this.#urls.set(path, (url = redactUrl(`${this.#config.baseUrl}/${path}`)));
    return url;
  }

  /** The secrets this request carries, to scrub from what the vendor says: configured, and in its headers. */
  #secretsOf(request: HttpRequest<unknown>): string[] {
    return [...(this.#config.secrets?.() ?? []), ...credentialsIn(request.headers)];
  }
}

/** The body of a JSON request, as sent: given to the exchange itself (see `ExchangeRules.body`). */
function bodyOf(request: HttpRequest<unknown>): string | undefined {
  return request.json === undefined ? undefined : JSON.stringify(request.json);
}

/** The request's headers, with the JSON content type for a `json` body. */
function headersOf(request: HttpRequest<unknown>): Record<string, string> | undefined {
  if (request.json === undefined) return request.headers;
  return { 'content-type': 'application/json', ...request.headers };
}
