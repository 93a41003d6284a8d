/**
 * One HTTP exchange with limits: no redirect is followed, and the body is read whole,
 * up to a cap, inside the attempt. The attempt's deadline (the direct attempt's own, or ky's
 * timeout racing the `fetch` it is given on a retry) covers the exchange, so reading the body here
 * puts the body under the same deadline as the headers: a vendor that trickles its answer times
 * out like one that never answers, and a shared token fetch always settles.
 *
 * @module
 */

import { LARGEST_BODY } from '@oemkit/schema/internal';
import { untilAborted } from '../runtime/abortable.js';

/** Why an exchange was refused before its answer could be used. */
export type Refusal =
  /** `status` is 0 when the redirect's own status is unknown (a `fetch` that followed it anyway). */
  /** `origin`: where the redirect pointed, never its path or query, which may hold a secret. */
  | { kind: 'redirect'; status: number; origin: string | undefined }
  | { kind: 'too-large'; status: number };

/** @internal Thrown out of the `fetch` ky calls; turned into a typed error by the transport. */
export class RefusedExchange extends Error {
  constructor(readonly refusal: Refusal) {
    super(`refused: ${refusal.kind}`);
  }
}

/** What a request accepts. */
export interface ExchangeRules {
  /** A 3xx is the answer itself (sign-out), not a refusal. The redirect is still not followed. */
  acceptRedirect: boolean;
  /** Read a 2xx body; otherwise it is cancelled unread. Error bodies are always read, capped. */
  readBody: boolean;
  /**
   * The request body, sent as it is with each attempt. ky is given none: a `Request` built on a
   * body is cloned for each attempt and piped through another stream by `fetch`, which costs more
   * than the rest of the exchange, where `fetch` sends a string as it is.
   */
  body?: string | undefined;
}

const NULL_BODY_STATUSES = [101, 204, 205, 304];

/**
 * Wraps a `fetch` for ky: each call counts an attempt and runs {@link exchange} with the URL and
 * what ky's request holds, not the request itself: `fetch` would build another one from it, its
 * body piped through a new stream (see `body` above).
 */
export function boundedFetch(fetchImpl: typeof fetch, rules: ExchangeRules, onAttempt: () => void): typeof fetch {
  return async (input, init) => {
    onAttempt();
    const request = input instanceof Request ? input : new Request(input, init);
    return exchange(fetchImpl, request.url, { method: request.method, headers: request.headers, signal: request.signal }, rules);
  };
}

/** What one exchange sends besides its URL: the body is {@link ExchangeRules}' own. */
export interface ExchangeInit {
  method: string;
  headers: HeadersInit | undefined;
  /** Stops the exchange (the attempt's deadline, the caller's abort): the wait for headers and body. */
  signal: AbortSignal;
}

/**
 * One exchange: asks for no redirects (and refuses an answer that followed one anyway), then
 * returns the answer with its body already read, capped at {@link LARGEST_BODY} (read it with
 * {@link answerText}). `init.signal` stops the wait even when `fetchImpl` ignores signals.
 */
export async function exchange(fetchImpl: typeof fetch, url: string, init: ExchangeInit, rules: ExchangeRules): Promise<Response> {
  const { signal } = init;
  const sent: RequestInit = { method: init.method, signal, redirect: 'manual', ...(init.headers === undefined ? {} : { headers: init.headers }), ...(rules.body === undefined ? {} : { body: rules.body }) };
  const response = await untilAborted(fetchImpl(url, sent), signal, undefined, discard);
  // What `fetch` itself rejects with instead; a status-0 answer cannot even be rebuilt below.
  if (response.type === 'error') throw new TypeError('the fetch answered with a network error (Response.error())');
  const refusal = redirectRefusal(url, response, rules);
  if (refusal) {
    discard(response);
    throw new RefusedExchange(refusal);
  }
  if (!response.body || NULL_BODY_STATUSES.includes(response.status) || (response.ok && !rules.readBody) || isRedirect(response.status)) {
    discard(response);
    return rebuild(response, null);
  }
  const body = await readCapped(response, signal);
  if (body === undefined && response.ok) throw new RefusedExchange({ kind: 'too-large', status: response.status });
  // An oversized error body is dropped: the status still says what went wrong.
  return rebuild(response, body ?? null);
}

function redirectRefusal(url: string, response: Response, rules: ExchangeRules): Refusal | undefined {
  // A `fetch` that followed anyway (a wrapper ignoring `redirect`): its answer came from elsewhere.
  if (response.redirected || (response.url !== '' && new URL(response.url).origin !== new URL(url).origin)) {
    // Its status is the final answer's (a 200 from the sign-in page), not the redirect's.
    return { kind: 'redirect', status: 0, origin: originOf(response.url, url) };
  }
  if (response.type === 'opaqueredirect') return { kind: 'redirect', status: 0, origin: undefined };
  if (isRedirect(response.status) && !rules.acceptRedirect) {
    return { kind: 'redirect', status: response.status, origin: originOf(response.headers.get('location'), url) };
  }
  return undefined;
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

/** The origin a (possibly relative) location points to, or `undefined` when it has none. */
function originOf(location: string | null, base: string): string | undefined {
  if (location === null) return undefined;
  try {
    const { origin } = new URL(location, base);
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

async function readCapped(response: Response, signal: AbortSignal): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (Number(response.headers.get('content-length')) > LARGEST_BODY) {
    discard(response);
    return undefined;
  }
  const reader = response.body!.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await untilAborted(reader.read(), signal);
      if (done) break;
      size += value.byteLength;
      if (size > LARGEST_BODY) return undefined;
      chunks.push(value);
    }
    finished = true;
  } finally {
    if (!finished) void reader.cancel().catch(() => undefined);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * The body each answer of {@link boundedFetch} was read to, beside the bodiless `Response` handed
 * to ky: a `Response` built on bytes already in hand makes a body stream again (about 40 µs on
 * Node 20, more than the rest of the answer), only for it to be read straight back.
 */
const readBodies = new WeakMap<Response, Uint8Array>();
const utf8 = new TextDecoder();

/**
 * @internal The text of an answer of {@link boundedFetch}, as `response.text()` would read it
 * (UTF-8, a leading byte order mark dropped); any other `Response` is read as usual.
 */
export function answerText(response: Response): Promise<string> {
  const body = readBodies.get(response);
  return body === undefined ? response.text() : Promise.resolve(utf8.decode(body));
}

function rebuild(response: Response, body: Uint8Array<ArrayBuffer> | null): Response {
  const answer = new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
  if (body !== null && !NULL_BODY_STATUSES.includes(response.status)) readBodies.set(answer, body);
  return answer;
}

function discard(response: Response): void {
  void response.body?.cancel().catch(() => undefined);
}
