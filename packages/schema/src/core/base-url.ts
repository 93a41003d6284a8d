/**
 * @module The one rule for URL options, on the server and in the browser. Astrato serves its API,
 * redemption and embed pages at the root of its origin, so its base URL is an origin: a path would
 * only turn every call into a 404 (`No route for POST /app/auth/proxy/m2m/token`) on the server
 * and a `Failed to fetch` in the page, so it is refused with the origin to use instead.
 */
import { ValidationError } from '../errors/validation-error.js';
import { ASTRATO_DEFAULT_BASE_URL } from './astrato-constants.js';

/**
 * @internal Shared by `@oemkit/server` and `@oemkit/browser`, not part of the public API. Reads a
 * URL option: the absolute http(s) URL `value` spells, or a `ValidationError` (`Invalid options:
 * <option>: must be an http(s) URL`) that never quotes the value, which may be a secret pasted
 * into the wrong option.
 */
export function readUrl(value: unknown, option: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value as string);
  } catch {
    // refused below
  }
  if (typeof value !== 'string' || !url || !/^https?:$/.test(url.protocol)) {
    throw new ValidationError('options', [{ path: [option], message: 'must be an http(s) URL' }]);
  }
  return url;
}

/**
 * @internal Shared by `@oemkit/server` and `@oemkit/browser`, not part of the public API. Reads an
 * Astrato `baseUrl` option, `undefined` meaning Astrato's cloud: its origin, with or without a
 * trailing slash (vendor samples write both). A path, query or credentials are refused with a
 * `ValidationError` (`Invalid options: baseUrl: must be an origin such as https://acme.astrato.io,
 * with no path`) that shows the origin to use.
 */
export function readAstratoOrigin(value: unknown = ASTRATO_DEFAULT_BASE_URL): string {
  const url = readUrl(value, 'baseUrl');
  if (url.href.replace(/\/+$/, '') !== url.origin) {
    throw new ValidationError('options', [{ path: ['baseUrl'], message: `must be an origin such as ${url.origin}, with no path` }]);
  }
  return url.origin;
}
