import { AbortedError, ConnectionError } from '@oemkit/schema/errors';
import { readAstratoOrigin } from '@oemkit/schema/internal';

/**
 * Ends the user's Astrato session from the page: a credentialed request to
 * `{baseUrl}/auth/proxy/0/sign_out`. It is sent `no-cors` because Astrato documents no CORS
 * headers for it, so the answer cannot be read: the promise resolves once the request completed.
 * Destroy the embedded dashboard as well; it would only report a lost session.
 *
 * @throws `ConnectionError` when the request could not be sent, `AbortedError` when aborted.
 * @example
 * ```ts
 * import { signOut } from '@oemkit/browser';
 * dashboard.destroy();
 * await signOut({ baseUrl: 'https://app.astrato.io' });
 * ```
 */
export async function signOut(options: { baseUrl?: string; signal?: AbortSignal } = {}): Promise<void> {
  const url = `${readAstratoOrigin(options.baseUrl)}/auth/proxy/0/sign_out`;
  try {
    await fetch(url, { credentials: 'include', mode: 'no-cors', keepalive: true, ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    throw options.signal?.aborted ? new AbortedError('sign-out', options.signal.reason) : new ConnectionError({ service: 'astrato', method: 'GET', url }, error);
  }
}
