import { AbortedError, ConnectionError } from '@oemkit/schema/errors';
import { readAstratoOrigin } from '@oemkit/schema/internal';
import { forgetSession } from './browser-session.js';

/**
 * Ends the user's Astrato session from the page, for every dashboard in the browser. First the
 * page forgets the session it remembers for `baseUrl`, and every live dashboard of that origin, in
 * this tab and in every other, removes its iframe and renews nothing until the host embeds again
 * (or calls its `retry()`); then a credentialed request goes to `{baseUrl}/auth/proxy/0/sign_out`.
 * It is sent `no-cors` because Astrato documents no CORS headers for it, so the answer cannot be
 * read: the promise resolves once the request completed.
 *
 * @throws `ConnectionError` when the request could not be sent, `AbortedError` when aborted.
 * @example
 * ```ts
 * import { signOut } from '@oemkit/browser';
 * await signOut({ baseUrl: 'https://app.astrato.io' });
 * ```
 */
export async function signOut(options: { baseUrl?: string; signal?: AbortSignal } = {}): Promise<void> {
  const base = readAstratoOrigin(options.baseUrl);
  const url = `${base}/auth/proxy/0/sign_out`;
  forgetSession(base);
  try {
    await fetch(url, { credentials: 'include', mode: 'no-cors', keepalive: true, ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    throw options.signal?.aborted ? new AbortedError('sign-out', options.signal.reason) : new ConnectionError({ service: 'astrato', method: 'GET', url }, error);
  }
}
