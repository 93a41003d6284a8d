/**
 * The one HTTP exchange the page makes (the ticket request and the redemption): bounded in
 * time and size, never following a redirect, every failure an oemkit error that quotes no body.
 *
 * @module
 */
import { AbortedError, ConnectionError, InvalidResponseError, RequestTimeoutError, type RequestContext } from '@oemkit/schema/errors';
import { createApiError, LARGEST_BODY } from '@oemkit/schema/internal';

/**
 * @internal Fetches `url` and returns `pick(JSON body)`. The deadline covers headers and body, so a
 * server that trickles its body cannot hold the page. With `ticket` the call is that ticket's
 * redemption: a 4xx means the ticket is unusable, and the ticket is cut out of what the runtime
 * throws, since a runtime may quote the URL in its network errors.
 */
export async function fetchJson<T>(
  url: string,
  context: RequestContext,
  init: RequestInit,
  timeout: number,
  signal: AbortSignal | undefined,
  pick: (body: any) => T | undefined, // any: parsed JSON, which pick checks itself
  expected: string,
  ticket?: string,
): Promise<T> {
  // A controller and a timer rather than AbortSignal.any/timeout: Safari before 17.4 lacks `any`.
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timer = setTimeout(abort, timeout);
  if (signal?.aborted) abort();
  else signal?.addEventListener('abort', abort);
  let response: Response;
  let text: string | undefined;
  try {
    // A redirect is refused, not followed: a ticket endpoint that sends the page to a sign-in
    // screen must surface as such (a browser shows it as an opaque redirect, status 0).
    response = await fetch(url, { ...init, redirect: 'manual', signal: controller.signal, headers: { accept: 'application/json', ...init.headers } });
    // Raced with the deadline as well: not every fetch (a test double, a wrapper) errors the body on abort.
    text = response.ok ? await Promise.race([readText(response), new Promise<never>((_, reject) => controller.signal.addEventListener('abort', reject))]) : '';
  } catch (error) {
    throw signal?.aborted
      ? new AbortedError(`${context.method} ${context.url}`, signal.reason)
      : controller.signal.aborted
        ? new RequestTimeoutError(context, timeout)
        : new ConnectionError(context, messageCopy(error, ticket));
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  }
  if (!response.ok) throw createApiError({ ...context, status: response.status }, { ticketRedemption: ticket !== undefined });
  let value: T | undefined;
  try {
    // Throws on a body over the cap (undefined) as on one that is not JSON.
    value = pick(JSON.parse(text!));
  } catch {
    // Reported below without the text: an HTML page or a truncated body may still hold a ticket.
  }
  if (value === undefined) throw new InvalidResponseError(context, response.status, text === undefined ? 'larger than 64 KiB' : `expected ${expected}`);
  return value;
}

/**
 * A copy of the message only, the ticket cut out: the original may carry the Request, or quote the
 * URL and its ticket. Not the server's `safeCause` (name, plain code, every known secret redacted,
 * the cause chain): what a browser's fetch throws is a bare `TypeError`, and the page's bytes are counted.
 */
function messageCopy(error: unknown, ticket = ''): Error {
  let message = String((error as Error)?.message ?? error);
  for (const secret of [ticket, encodeURIComponent(ticket)]) if (secret) message = message.split(secret).join('[REDACTED]');
  return new Error(message);
}

/**
 * Reads the body as text, or gives `undefined` (and stops the download) once it passes
 * LARGEST_BODY; a declared length over it is refused before anything is read.
 */
async function readText(response: Response): Promise<string | undefined> {
  // A clone, cancelled at once: Chromium reports a `Cache-Control: no-store` answer that arrived
  // in parts (as Next.js route handlers send it) and was read to its end through
  // `body.getReader()` as net::ERR_ABORTED about one time in three, though the page had all of it;
  // once the response has a clone (its body teed) the request ends as finished. (`text()` does
  // not have the problem, but would not stop a long body.) The tee's source is cancelled with the
  // second half, by the reader below.
  void response.clone().body?.cancel();
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = Number(response.headers.get('content-length')) > LARGEST_BODY ? Infinity : 0;
  for (let chunk; reader && size <= LARGEST_BODY && !(chunk = await reader.read()).done; ) {
    size += chunk.value.byteLength;
    text += decoder.decode(chunk.value, { stream: true });
  }
  return size > LARGEST_BODY ? void reader?.cancel().catch(() => {}) : text + decoder.decode();
}
