/**
 * The streamed fault bodies: trickling, oversized and endless. Each is pull-driven (a
 * chunk is made only when the client asks for one), so an unread body holds no timer and a slow
 * reader is never buffered for, and each counts what it handed out on the call log.
 *
 * @module
 */

/** @internal What a streamed body reports while it runs: fields of the call's log entry. */
export interface StreamFacts {
  bytesSent?: number;
  cancelled?: boolean;
}

/** Chunks of this size make up the large bodies: big enough to be quick, small enough to hold. */
const CHUNK = 64 * 1024;
/** JSON whitespace: a parser reading it can only fail at the end, never early. */
const SPACE = 0x20;

/** @internal `chunk` every `interval` ms, forever; the first one `interval` ms after the headers. */
export function trickleBody(facts: StreamFacts, interval: number, chunk = ' '): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(chunk);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake: (() => void) | undefined;
  return meteredBody(facts, {
    next: () =>
      new Promise<Uint8Array | undefined>((resolve) => {
        wake = () => resolve(undefined);
        timer = setTimeout(() => {
          timer = undefined;
          resolve(bytes.slice());
        }, interval);
      }),
    stop: () => {
      clearTimeout(timer);
      timer = undefined;
      wake?.();
    },
  });
}

/** @internal Exactly `total` bytes of spaces, or an endless supply when `total` is infinite. */
export function spacesBody(facts: StreamFacts, total: number): ReadableStream<Uint8Array> {
  let left = total;
  return meteredBody(facts, {
    next: () => {
      if (left <= 0) return undefined;
      const size = Math.min(CHUNK, left);
      left -= size;
      return new Uint8Array(size).fill(SPACE);
    },
    stop: () => undefined,
  });
}

/**
 * A body made one chunk per read. `next` answers the next chunk, or `undefined` at the end;
 * `stop` is called once, when the client cancels (in-process) or the server adapter cancels for
 * a closed socket.
 */
function meteredBody(
  facts: StreamFacts,
  source: { next: () => Promise<Uint8Array | undefined> | Uint8Array | undefined; stop: () => void },
): ReadableStream<Uint8Array> {
  facts.bytesSent = 0;
  facts.cancelled = false;
  let stopped = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const chunk = await source.next();
        if (stopped) return;
        if (chunk === undefined) return controller.close();
        facts.bytesSent = (facts.bytesSent ?? 0) + chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        stopped = true;
        facts.cancelled = true;
        source.stop();
      },
    },
    // No read-ahead: nothing is made until a reader asks, so `bytesSent` is what the client took.
    { highWaterMark: 0 },
  );
}
