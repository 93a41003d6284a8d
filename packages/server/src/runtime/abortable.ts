import { AbortedError } from '@oemkit/schema/errors';

/**
 * Lets one caller stop waiting for a shared promise (a single-flight token fetch) without
 * cancelling it for the other callers: rejects with an `AbortedError` when the signal fires.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined, what: string): Promise<T> {
  if (!signal) return promise;
  return untilAborted(promise, signal, () => new AbortedError(what, signal.reason));
}

/**
 * Settles with the promise, or rejects with `reason()` as soon as the signal aborts, whether or
 * not the work behind the promise heeds the signal. A value that arrives after the abort is
 * handed to `cleanUp` (to cancel a body nobody will read).
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, reason: () => unknown = () => signal.reason, cleanUp?: (late: T) => void): Promise<T> {
  const abandon = () => {
    if (cleanUp) void promise.then(cleanUp, () => undefined);
    return reason();
  };
  if (signal.aborted) return Promise.reject(abandon());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abandon());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
