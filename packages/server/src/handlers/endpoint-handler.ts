/**
 * @module What the ticket and guest-token handlers share, so each of them only says how it mints:
 * POST only, `authorize`, the per-user limit, answers in the endpoint's stable words with
 * `no-store`, the option checks, and one report per failure (`onError`, the `logger`, or one
 * console line). Logging for both handlers lives here.
 */
import { isOemkitError, RateLimitError, ValidationError, type ValidationIssue } from '@oemkit/schema/errors';
import type { HandlerOptions } from './handler-options.js';
import { createLog, loggerProblem, type LogEvent, type LogFields, type LogLevel } from '../observability/logger.js';
import { answer } from './endpoint-answer.js';
import { failureFields } from './failure-fields.js';
import { createSecretMask, REDACTED } from '../redaction/secret-mask.js';
import { createPerUserLimit, LONGEST_RETRY_AFTER, rateLimitIssues, type LimitVerdict } from './per-user-limit.js';

/** The words every endpoint answers; each adds its own for a vendor's refusal, and may add `forbidden`. */
export type SharedWord = 'unauthorized' | 'method_not_allowed' | 'rate_limited' | 'internal_error' | 'upstream_unavailable';

/** The options both handlers take, as the host gave them (checked by {@link createEndpointHandler}). */
export interface EndpointOptions<Authorized> extends HandlerOptions<Authorized> {
  client: unknown;
  authorize: (request: Request) => Authorized | null | false | undefined | Promise<Authorized | null | false | undefined>;
}

/** What makes one endpoint: its names, its words, its client and how it mints. */
export interface EndpointSpec<Authorized, Word extends string> {
  /** For option errors: `createTicketHandler options`. */
  readonly factory: string;
  /** For console lines: `ticket endpoint`. */
  readonly label: string;
  /** The `handler` field of its log events: `ticket`. */
  readonly handler: string;
  /** Its words and statuses, from `@oemkit/schema`. */
  readonly errors: Readonly<Record<Word, number>>;
  /** Its word for a vendor that refused (not a retryable failure): `ticket_unavailable`. */
  readonly refused: Word;
  /** Why `client` is unusable, or `undefined` when it is usable. */
  clientProblem(client: unknown): string | undefined;
  /** What `authorize` must return, for its option error. */
  readonly authorizeShape: string;
  /** Whom a request counts against when `rateLimit.key` is not given. */
  defaultKey(authorized: Authorized): unknown;
  /** Said once when the default key finds none (the guest-token input without a user). */
  readonly unkeyedHint?: string;
  /** Mints for the signed-in user: the 200 body. */
  mint(client: unknown, authorized: Authorized, signal: AbortSignal): Promise<Record<string, string | number>>;
  /** The event logged for each 200. */
  readonly issuedEvent: LogEvent;
}

/** Checks the options at once (every problem in one `ValidationError`) and builds the handler. */
export function createEndpointHandler<Authorized, Word extends string>(
  spec: EndpointSpec<Authorized, Word | SharedWord>,
  options: EndpointOptions<Authorized>,
): (request: Request) => Promise<Response> {
  checkOptions(spec, options);
  const { client, authorize, onError } = options;
  const log = createLog(options.logger);
  const logged = options.logger !== undefined;
  const limit = createPerUserLimit(options.rateLimit, (authorized: Authorized) => spec.defaultKey(authorized));
  const forbidden = ('forbidden' in spec.errors ? 'forbidden' : 'unauthorized') as Word | SharedWord;
  let toldUnkeyed = false;

  const reply = (word: Word | SharedWord, headers: Record<string, string> = {}): Response =>
    answer(spec.errors[word], { error: word }, headers);

  /** A refusal that is not a failure (nobody signed in, another method): the logger only. */
  const refuse = (word: Word | SharedWord, level: LogLevel, headers?: Record<string, string>): Response => {
    log(level, 'oemkit.handler.refused', { handler: spec.handler, status: spec.errors[word], error: word });
    return reply(word, headers);
  };

  /**
   * Hands a failure to `onError`. What it throws, or the promise it rejects (an async error
   * tracker that is down), is dropped: it would otherwise cost the user the answer, or the
   * process its life as an unhandled rejection.
   */
  const tell = (error: unknown, request: Request): void => {
    if (!onError) return;
    try {
      const result: unknown = onError(error, request);
      if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') Promise.resolve(result).catch(() => {});
    } catch {
      // The host's error tracker failed; the answer goes out all the same.
    }
  };

  /** A failure: reported once, to `onError` and the logger, or else on the console. */
  const fail = (error: unknown, request: Request, word: Word | SharedWord, headers?: Record<string, string>, event: LogEvent = 'oemkit.handler.refused'): Response => {
    const status = spec.errors[word];
    const abandoned = request.signal.aborted && isOurs(error, 'ABORTED');
    tell(error, request);
    if (logged) log(abandoned ? 'debug' : levelOf(status), event, { handler: spec.handler, status, error: word, ...eventFields(error) });
    else if (!onError && !abandoned) consoleLine(status, `${spec.label} answered ${status} ${word}: ${pairs(error)}`);
    return reply(word, headers);
  };

  /** The limiter failed: the request goes on without it, and the outage is reported. */
  const limiterUnavailable = (verdict: Extract<LimitVerdict, { outcome: 'unavailable' }>, request: Request): void => {
    const why = verdict.timedOut ? (verdict.error as Error).message : `the limiter failed (${pairs(verdict.error)})`;
    tell(verdict.error, request);
    if (logged) log('warn', 'oemkit.rate_limit.unavailable', { handler: spec.handler, timedOut: verdict.timedOut, ...eventFields(verdict.error) });
    else if (!onError) console.warn(`[oemkit] ${spec.label} answered without its rate limit: ${why}`);
  };

  return async (request) => {
    if (request.method !== 'POST') return refuse('method_not_allowed', 'debug', { allow: 'POST' });
    let authorized: Authorized | null | false | undefined;
    try {
      authorized = await authorize(request);
    } catch (error) {
      return fail(error, request, 'internal_error');
    }
    if (authorized === null || authorized === undefined) return refuse('unauthorized', 'info');
    if (authorized === false) return refuse(forbidden, 'info');
    if (limit) {
      let verdict: LimitVerdict;
      try {
        verdict = await limit(request, authorized);
      } catch (error) {
        // The host's own `key` threw: its code failed, as when `authorize` throws.
        return fail(error, request, 'internal_error');
      }
      if (verdict.outcome === 'limited') {
        const spent = `the per-user limit${verdict.points === undefined ? '' : ` of ${verdict.points} per ${verdict.duration} s`} is spent`;
        const error = new RateLimitError({ service: 'host', status: 429, method: request.method, url: reportedUrl(request.url, verdict.key), retryAfter: verdict.retryAfter, vendorMessage: spent });
        return fail(error, request, 'rate_limited', { 'retry-after': String(verdict.retryAfter) }, 'oemkit.handler.rate_limited');
      }
      if (verdict.outcome === 'unavailable') limiterUnavailable(verdict, request);
      if (verdict.outcome === 'unkeyed' && verdict.byDefault && spec.unkeyedHint && !toldUnkeyed) {
        toldUnkeyed = true;
        if (logged) log('warn', 'oemkit.rate_limit.unkeyed', { handler: spec.handler });
        else console.warn(`[oemkit] ${spec.label}: ${spec.unkeyedHint}`);
      }
    }
    const started = Date.now();
    try {
      const body = await spec.mint(client, authorized, request.signal);
      log('info', spec.issuedEvent, { handler: spec.handler, durationMs: Date.now() - started });
      return answer(200, body);
    } catch (error) {
      const [word, headers] = failureFor(error, spec.refused);
      return fail(error, request, word, headers);
    }
  };
}

function checkOptions<Authorized>(spec: EndpointSpec<Authorized, string>, options: EndpointOptions<Authorized>): void {
  const given = (typeof options === 'object' && options !== null ? options : {}) as Partial<Record<keyof EndpointOptions<Authorized>, unknown>>;
  const issues: ValidationIssue[] = [];
  const clientProblem = spec.clientProblem(given.client);
  if (clientProblem) issues.push({ path: ['client'], message: clientProblem });
  if (typeof given.authorize !== 'function') issues.push({ path: ['authorize'], message: `must be a function returning ${spec.authorizeShape}` });
  if (given.onError !== undefined && typeof given.onError !== 'function') {
    issues.push({ path: ['onError'], message: 'must be a function (error, request) => void, or left out to log failures on the console' });
  }
  const loggerIssue = loggerProblem(given.logger);
  if (loggerIssue) issues.push({ path: ['logger'], message: loggerIssue });
  issues.push(...rateLimitIssues(given.rateLimit));
  if (issues.length > 0) throw new ValidationError(spec.factory, issues);
}

/** The word (and headers) for a failure while minting; `internal_error` for anything that cannot be read. */
function failureFor<Word extends string>(error: unknown, refused: Word): [Word | SharedWord, Record<string, string>?] {
  try {
    if (isOemkitError(error, 'RATE_LIMITED')) {
      const { retryAfter } = error;
      return ['rate_limited', typeof retryAfter === 'number' && retryAfter >= 0 ? { 'retry-after': String(Math.min(LONGEST_RETRY_AFTER, Math.ceil(retryAfter))) } : {}];
    }
    if (isOemkitError(error, 'VALIDATION_ERROR')) return ['internal_error'];
    if (isOemkitError(error) && error.retryable) return ['upstream_unavailable'];
    if (isOemkitError(error)) return [refused];
  } catch {
    // A thrown value that throws when read (a Proxy from a host's client): nothing of it is used.
  }
  return ['internal_error'];
}

/** {@link isOemkitError}, `false` for a value that throws when read. */
function isOurs(error: unknown, code: 'ABORTED' | 'RATE_LIMITED'): boolean {
  try {
    return isOemkitError(error, code);
  } catch {
    return false;
  }
}

/**
 * The request's URL as a limited request's error quotes it: origin and path, never the query, and
 * no path segment that holds an email or the user's key. A host route may name its user
 * (`/api/users/ana@acme.test/ticket`), and the error goes to `onError`, the logger and the console.
 */
function reportedUrl(requestUrl: string, key: string): string {
  const url = new URL(requestUrl);
  const user = createSecretMask([key]);
  const path = url.pathname
    .split('/')
    .map((segment) => (/@|%40/i.test(segment) || user(segment) !== segment ? REDACTED : segment))
    .join('/');
  return url.origin + path;
}

function levelOf(status: number): LogLevel {
  return status === 429 || status === 503 ? 'warn' : 'error';
}

/** A failure's safe fields as log fields; names that a logger owns (`message`, `status`) are renamed. */
function eventFields(error: unknown): LogFields {
  const { status, message, causes, name, ...rest } = failureFields(error);
  const retryAfter = isOurs(error, 'RATE_LIMITED') ? (error as RateLimitError).retryAfter : undefined;
  return { ...rest, upstreamStatus: status, retryAfter, errorMessage: message, cause: causes?.join(': '), errorName: name };
}

/**
 * A failure's fields as `key=value`, strings quoted, so a log search finds `code=AUTHENTICATION_ERROR`
 * or a correlation id. Of an error that is not oemkit's only the class name: its message may hold anything.
 */
function pairs(error: unknown): string {
  const { causes, ...fields } = failureFields(error);
  const text = Object.entries({ ...fields, ...(causes ? { cause: causes.join(': ') } : {}) })
    .map(([key, value]) => `${key}=${typeof value === 'string' && key !== 'code' && key !== 'name' ? JSON.stringify(value) : value}`)
    .join(' ');
  return fields.code === 'UNEXPECTED' ? `${text} (its message is not logged: pass onError to see the error)` : text;
}

/** The default for a handler without `onError` or `logger`: one line per failure, 429 and 503 as warnings. */
function consoleLine(status: number, line: string): void {
  (levelOf(status) === 'warn' ? console.warn : console.error)(`[oemkit] ${line}`);
}
