/**
 * One HTTP exchange with limits: no redirect is followed, and the body is read whole,
 * up to a cap, inside the attempt. ky's timeout races the `fetch` it is given, so reading the
 * body here puts the body under the same deadline as the headers: a vendor that trickles its
 * answer times out like one that never answers, and a shared token fetch always settles.
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
 * Wraps a `fetch` so that each call (the URL and an init, the body a string) asks for no redirects (and refuses an answer that followed
 * one anyway), then returns the answer with its body already read, capped at {@link LARGEST_BODY}
 * (read it with {@link answerText}).
 * The request's signal (ky's timeout, the caller's abort) stops the wait even when the wrapped
 * `fetch` ignores signals.
 */
export function boundedFetch(fetchImpl: typeof fetch, rules: ExchangeRules, onAttempt: () => void): typeof fetch {
  return async (input, init) => {
    onAttempt();
    const request = input instanceof Request ? input : new Request(input, init);
    // The URL and what ky's request holds, not the request itself: `fetch` would build another
    // one from it, its body piped through a new stream (see `body` above).
    const sent = { method: request.method, headers: request.headers, signal: request.signal, redirect: 'manual' as const, ...(rules.body === undefined ? {} : { body: rules.body }) };
    const response = await untilAborted(fetchImpl(request.url, sent), request.signal, undefined, discard);
    // What `fetch` itself rejects with instead; a status-0 answer cannot even be rebuilt below.
    if (response.type === 'error') throw new TypeError('the fetch answered with a network error (Response.error())');
    const refusal = redirectRefusal(request, response, rules);
    if (refusal) {
      discard(response);
      throw new RefusedExchange(refusal);
    }
    if (!response.body || NULL_BODY_STATUSES.includes(response.status) || (response.ok && !rules.readBody) || isRedirect(response.status)) {
      discard(response);
      return rebuild(response, null);
    }
    const body = await readCapped(response, request.signal);
    if (body === undefined && response.ok) throw new RefusedExchange({ kind: 'too-large', status: response.status });
    // An oversized error body is dropped: the status still says what went wrong.
    return rebuild(response, body ?? null);
  };
}

function redirectRefusal(request: Request, response: Response, rules: ExchangeRules): Refusal | undefined {
  // A `fetch` that followed anyway (a wrapper ignoring `redirect`): its answer came from elsewhere.
  if (response.redirected || (response.url !== '' && new URL(response.url).origin !== new URL(request.url).origin)) {
    // Its status is the final answer's (a 200 from the sign-in page), not the redirect's.
    return { kind: 'redirect', status: 0, origin: originOf(response.url, request.url) };
  }
  if (response.type === 'opaqueredirect') return { kind: 'redirect', status: 0, origin: undefined };
  if (isRedirect(response.status) && !rules.acceptRedirect) {
    return { kind: 'redirect', status: response.status, origin: originOf(response.headers.get('location'), request.url) };
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
