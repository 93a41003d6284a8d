/**
 * The emulator's in-process `fetch`: what `fetch` itself does around a server's answer,
 * so a client handed `emulator.fetch` meets what it would meet over the network. A dropped
 * connection rejects; an abort rejects, or errors a body being read and stops it at its source;
 * redirects are followed or not by the request's `redirect` mode, changing method, body and
 * credentials as Node's `fetch` (undici) does.
 *
 * @module
 */

const MAX_REDIRECTS = 20;
/** Dropped with the body when a redirect turns the request into a GET. */
const BODY_HEADERS = ['content-type', 'content-encoding', 'content-language', 'content-location'];
/** Dropped by undici when a redirect leaves the origin. */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'host'];

interface Hop {
  url: string;
  method: string;
  headers: Headers;
  body: ArrayBuffer | null;
}

/** @internal A `fetch` answered by `handle`, except for redirects that leave the first request's origin. */
export function inProcessFetch(handle: (request: Request) => Promise<Response>): typeof fetch {
  return async (input, init) => {
    const first = new Request(input, init);
    const { signal, redirect } = first;
    signal.throwIfAborted();
    const streamed = init?.body instanceof ReadableStream;
    // Kept whole, so a 307 or 308 can send it again, as fetch does for a body it was given whole.
    let hop: Hop = { url: first.url, method: first.method, headers: first.headers, body: first.body ? await first.arrayBuffer() : null };
    for (let redirects = 0; ; redirects++) {
      const response = await untilAborted(handle(new Request(hop.url, { ...hop, signal })), signal);
      if (response.type === 'error') throw new TypeError('fetch failed (the emulator dropped the connection)');
      const location = response.headers.get('location');
      if (!isRedirect(response.status) || location === null || redirect === 'manual') return finish(response, hop.url, redirects > 0, signal);
      void response.body?.cancel();
      if (redirect === 'error') throw failure('unexpected redirect');
      if (redirects === MAX_REDIRECTS) throw failure('redirect count exceeded');
      const next = nextHop(hop, response.status, new URL(location, hop.url), streamed);
      if (new URL(next.url).origin !== new URL(first.url).origin) {
        // Leaving the emulator: the real network (or msw) answers, and follows any further hops.
        const elsewhere = await fetch(next.url, { ...next, signal, redirect });
        return Object.defineProperty(elsewhere, 'redirected', { value: true });
      }
      hop = next;
    }
  };
}

/** The request a redirect leads to, changed as the fetch standard says. */
function nextHop(hop: Hop, status: number, url: URL, streamed: boolean): Hop {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw failure('redirect to a URL that is not HTTP(S)');
  const headers = new Headers(hop.headers);
  let { method, body } = hop;
  if (((status === 301 || status === 302) && method === 'POST') || (status === 303 && method !== 'GET' && method !== 'HEAD')) {
    method = 'GET';
    body = null;
    for (const name of BODY_HEADERS) headers.delete(name);
  } else if (body !== null && streamed) {
    throw failure('a streamed body cannot be sent again to follow a redirect');
  }
  if (url.origin !== new URL(hop.url).origin) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
  return { url: url.href, method, headers, body };
}

/** Sets `url` and `redirected` as fetch does, and ties the body to the request's signal. */
function finish(response: Response, url: string, redirected: boolean, signal: AbortSignal): Response {
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  const answer = response.body ? new Response(abortable(response.body, signal), init) : response;
  return Object.defineProperties(answer, { url: { value: url }, redirected: { value: redirected } });
}

/** A body that errors with the abort reason, and cancels its source, when the signal aborts. */
function abortable(body: ReadableStream<Uint8Array>, signal: AbortSignal): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let onAbort = () => undefined as void;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        onAbort = () => {
          controller.error(signal.reason);
          void reader.cancel(signal.reason).catch(() => undefined);
        };
        signal.addEventListener('abort', onAbort, { once: true });
      },
      async pull(controller) {
        const { done, value } = await reader.read();
        if (signal.aborted) return;
        if (!done) return controller.enqueue(value);
        signal.removeEventListener('abort', onAbort);
        controller.close();
      },
      cancel(reason) {
        signal.removeEventListener('abort', onAbort);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** Settles with the promise, or rejects with the abort reason first (cancelling a late body). */
function untilAborted(promise: Promise<Response>, signal: AbortSignal): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const onAbort = () => {
      void promise.then((late) => late.body?.cancel(), () => undefined);
      reject(signal.reason);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function isRedirect(status: number): boolean {
  return [301, 302, 303, 307, 308].includes(status);
}

function failure(why: string): TypeError {
  return new TypeError('fetch failed', { cause: new Error(why) });
}
