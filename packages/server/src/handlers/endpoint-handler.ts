/**
 * What the ticket and guest-token handlers share, so each of them only says how it mints:
 * POST only, no page of another site, `authorize`, an answer without minting (`prepare`), the
 * per-user limit, answers in the endpoint's stable words with
 * `no-store`, the option checks, and one report per failure (`onError`, the `logger`, or one
 * console line). Logging for both handlers lives here.
 *
 * @module
 */
import { ApiError, isOemkitError, RateLimitError, ValidationError, type ValidationIssue } from '@oemkit/schema/errors';
import type { HandlerOptions } from './handler-options.js';
import { createLog, loggerProblem, type LogLevel } from '../observability/logger.js';
import type { LogEvent } from '../observability/log-events.js';
import { answer } from './endpoint-answer.js';
import { consoleLine, eventFields, isOurs, levelOf, pairs, reportedUrl } from './failure-report.js';
import { createSiteCheck, allowedOriginsIssues, type ForeignRequest } from './site-check.js';
import { createPerUserLimit, LONGEST_RETRY_AFTER, rateLimitIssues, type LimitVerdict } from './per-user-limit.js';
import { guarded } from '../runtime/read-guarded.js';

/** The words every endpoint answers; each adds its own for a vendor's refusal, and may add `forbidden`. */
export type SharedWord = 'unauthorized' | 'cross_site_request' | 'method_not_allowed' | 'rate_limited' | 'internal_error' | 'upstream_unavailable';

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
  /** The event logged for each 200 that minted. */
  readonly issuedEvent: LogEvent;
  /**
   * Runs after `authorize`, before the limit: `{ kept }` answers 200 with that body at once (nothing
   * minted, nothing counted, `keptEvent` logged); `{ add }` goes on to the limit and `mint`, and its
   * fields join the minted answer. Its failures answer as minting's do. Without it, every signed-in
   * request goes on to the limit.
   */
  prepare?(client: unknown, authorized: Authorized, request: Request): Promise<Prepared>;
  /** The event logged for each `{ kept }` answer of `prepare`. */
  readonly keptEvent?: LogEvent;
}

/** What {@link EndpointSpec.prepare} decided: answer now without minting, or mint and add these fields. */
export type Prepared = { readonly kept: Record<string, string> } | { readonly add: Record<string, string> };

/** Checks the options at once (every problem in one `ValidationError`) and builds the handler. */
export function createEndpointHandler<Authorized, Word extends string>(
  spec: EndpointSpec<Authorized, Word | SharedWord>,
  options: EndpointOptions<Authorized>,
): (request: Request) => Promise<Response> {
  checkOptions(spec, options);
  const { client, authorize, onError } = options;
  const log = createLog(options.logger);
  const logged = options.logger !== undefined;
  const foreign = createSiteCheck(options.allowedOrigins);
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

  /**
   * A page of another site: refused before `authorize` and the limit, so a hostile page costs the
   * user nothing. Reported as a failure: it is an attack, or the host's page is on an origin it did
   * not list in `allowedOrigins`, which it must hear about.
   */
  const refuseForeign = (request: Request, why: ForeignRequest): Response => {
    const from = why.origin ? `a page of ${why.origin}` : 'a page of another site';
    const vendorMessage = `refused ${from} (${why.sign}) before authorize; if that page is yours, list its origin in allowedOrigins`;
    const error = new ApiError({ service: 'host', status: 403, method: request.method, url: reportedUrl(request.url), vendorMessage });
    return fail(error, request, 'cross_site_request');
  };

  return async (request) => {
    if (request.method !== 'POST') return refuse('method_not_allowed', 'debug', { allow: 'POST' });
    const fromElsewhere = foreign(request);
    if (fromElsewhere) return refuseForeign(request, fromElsewhere);
    let authorized: Authorized | null | false | undefined;
    try {
      authorized = await authorize(request);
    } catch (error) {
      return fail(error, request, 'internal_error');
    }
    if (authorized === null || authorized === undefined) return refuse('unauthorized', 'info');
    if (authorized === false) return refuse(forbidden, 'info');
    let prepared: Prepared = { add: {} };
    if (spec.prepare) {
      const asked = Date.now();
      try {
        prepared = await spec.prepare(client, authorized, request);
      } catch (error) {
        return fail(error, request, ...failureFor(error, spec.refused));
      }
      if ('kept' in prepared) {
        // Before the limit on purpose: what costs the vendor is a minted token, and this mints none.
        log('info', spec.keptEvent ?? spec.issuedEvent, { handler: spec.handler, durationMs: Date.now() - asked });
        return answer(200, prepared.kept);
      }
    }
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
      return answer(200, { ...body, ...prepared.add });
    } catch (error) {
      return fail(error, request, ...failureFor(error, spec.refused));
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
  issues.push(...allowedOriginsIssues(given.allowedOrigins));
  if (issues.length > 0) throw new ValidationError(spec.factory, issues);
}

/** The word (and headers) for a failure while minting; `internal_error` for anything that cannot be read. */
function failureFor<Word extends string>(error: unknown, refused: Word): [Word | SharedWord, Record<string, string>?] {
  // A thrown value that throws when read (a Proxy from a host's client): nothing of it is used.
  const failure = guarded((): [Word | SharedWord, Record<string, string>?] => {
    if (isOemkitError(error, 'RATE_LIMITED')) {
      const { retryAfter } = error;
      return ['rate_limited', typeof retryAfter === 'number' && retryAfter >= 0 ? { 'retry-after': String(Math.min(LONGEST_RETRY_AFTER, Math.ceil(retryAfter))) } : {}];
    }
    if (isOemkitError(error, 'VALIDATION_ERROR')) return ['internal_error'];
    if (isOemkitError(error) && error.retryable) return ['upstream_unavailable'];
    return isOemkitError(error) ? [refused] : ['internal_error'];
  });
  return failure.ok ? failure.value : ['internal_error'];
}
