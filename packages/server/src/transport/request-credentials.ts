/**
 * The credentials a request carries in its headers, so that none comes back out of the
 * vendor's answer unscrubbed.
 *
 * @module
 */
import { parseCookies } from './cookies.js';

/**
 * @internal The credentials a request carries in its headers: the bearer value of `authorization`
 * (the m2m token or API key actually sent, not whichever is cached now), and the `cookie` header
 * with each cookie's value, in case the vendor echoes any of them back.
 */
export function credentialsIn(headers: Record<string, string> | undefined): string[] {
  const credentials: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    // The credential alone: its scheme is no secret, and every form of the header holds the credential's.
    if (name.toLowerCase() === 'authorization') credentials.push(value.slice(value.indexOf(' ') + 1));
    if (name.toLowerCase() === 'cookie') credentials.push(value, ...parseCookies(value).values());
  }
  return credentials;
}
