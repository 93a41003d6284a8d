/**
 * A Web `Response` written on a `node:http` response: an answer made whole at once goes out
 * in one write with its length, a body still coming is streamed no faster than the client reads it.
 *
 * @module
 */
import type { ServerResponse } from 'node:http';
import { untouchedAnswerBody } from '../handlers/endpoint-answer.js';

/**
 * What a body makes before the next turn of the event loop, up to this many bytes, is held and
 * sent with the headers in one write: every endpoint answer is a few dozen bytes made at once.
 */
const HELD_AT_MOST = 65_536;

/**
 * @internal Writes `response` on `res`: its status and headers, then its body until it ends or
 * `signal` aborts (the client went away), when the body is cancelled at its source.
 */
export async function writeWebResponse(response: Response, res: ServerResponse, signal: AbortSignal): Promise<void> {
  // `Response.error()` is a network error: the nearest thing on a socket is closing it unanswered.
  if (response.type === 'error') return void res.socket?.destroy();
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  const whole = untouchedAnswerBody(response);
  if (whole !== undefined && res.req.method !== 'HEAD') {
    // An endpoint's own answer: its text is in hand, so its body stream is left unread.
    return void res.writeHead(response.status, { 'content-length': String(Buffer.byteLength(whole)), ...headers }).end(whole);
  }
  if (!response.body || res.req.method === 'HEAD') {
    // Node ignores what is written after a HEAD answer, so a body read for it would never stop.
    void response.body?.cancel().catch(() => undefined);
    return void res.writeHead(response.status, headers).end();
  }
  await writeBody(response.body, response.status, headers, res, signal);
}

/**
 * Writes a body chunk by chunk, reading the next only once the socket took the last, and cancels
 * it at its source when the client goes away, so a slow or endless body neither piles up in
 * memory nor keeps producing for nobody. The status and headers wait for no more than one turn of
 * the event loop: a body that ends by then goes out with them, whole, with its `Content-Length`.
 */
async function writeBody(body: ReadableStream<Uint8Array>, status: number, headers: Record<string, string | string[]>, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const stop = () => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', stop, { once: true });
  let held: Uint8Array[] | undefined = [];
  let heldBytes = 0;
  /** Sends the status and headers now, then what was held. */
  const release = () => {
    if (!held) return;
    const chunks = held;
    held = undefined;
    res.writeHead(status, headers);
    res.flushHeaders();
    for (const chunk of chunks) res.write(chunk);
  };
  // A body still coming at the next turn gets its status and headers then, not with its first chunk.
  const nextTurn = setImmediate(release);
  let finished = false;
  try {
    while (!signal.aborted && !res.destroyed) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        break;
      }
      if (held && heldBytes + value.byteLength <= HELD_AT_MOST) {
        held.push(value);
        heldBytes += value.byteLength;
        continue;
      }
      release();
      if (!res.write(value)) await drained(res);
    }
  } finally {
    clearImmediate(nextTurn);
    signal.removeEventListener('abort', stop);
    if (!finished) stop();
    // A body that failed while held: what it made goes out as a started answer, which the caller
    // then cuts off, as it would have had the status gone out first.
    if (!finished && !signal.aborted && !res.destroyed) release();
  }
  if (finished && held) {
    const whole = held.length === 1 ? held[0]! : Buffer.concat(held);
    return void res.writeHead(status, { 'content-length': String(whole.byteLength), ...headers }).end(whole);
  }
  // A body stopped before its end must not look complete to the client.
  if (finished) res.end();
  else res.destroy();
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
