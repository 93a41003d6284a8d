/**
 * The one rule for URL options, on the server and in the browser. Astrato serves its API,
 * redemption and embed pages at the root of its origin, so its base URL is an origin: a path would
 * only turn every call into a 404 (`No route for POST /app/auth/proxy/m2m/token`) on the server
 * and a `Failed to fetch` in the page, so it is refused with the origin to use instead.
 *
 * @module
 */
import { ASTRATO_DEFAULT_BASE_URL } from './constants.js';
import { optionError } from '../internal/option-error.js';

/**
 * @internal Shared by `@oemkit/server` and `@oemkit/browser`, not part of the public API. Reads a
 * URL option: the absolute http(s) URL `value` spells, or a `ValidationError` (`Invalid options:
 * <option>: must be an http(s) URL`) that never quotes the value, which may be a secret pasted
 * into the wrong option.
 */
export function readUrl(value: unknown, option: string): URL {
  try {
    const url = new URL(value as string);
    // Only a string: a URL object (or anything else that prints as one) is not an option's type.
    if (typeof value === 'string' && /^https?:$/.test(url.protocol)) return url;
  } catch {
    // not a URL: refused below
  }
  throw optionError(option, 'must be an http(s) URL');
}

/**
 * @internal Shared by `@oemkit/server` and `@oemkit/browser`, not part of the public API. Reads an
 * Astrato `baseUrl` option, `undefined` meaning Astrato's cloud: its origin, with or without a
 * trailing slash (vendor samples write both). A path, query or credentials are refused with a
 * `ValidationError` (`Invalid options: baseUrl: must be an origin such as https://acme.astrato.io,
 * with no path`) that shows the origin to use.
 */
export function readAstratoOrigin(value: unknown = ASTRATO_DEFAULT_BASE_URL): string {
  const { href, origin } = readUrl(value, 'baseUrl');
  if (href.replace(/\/+$/, '') !== origin) throw optionError('baseUrl', `must be an origin such as ${origin}, with no path`);
  return origin;
}
