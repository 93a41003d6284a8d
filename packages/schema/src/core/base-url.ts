/**
 * @module The one rule for base URL options, on the server and in the browser. Astrato serves its
 * API, redemption and embed pages at the root of its origin, so its base URL is an origin: a path
 * would only turn every call into a 404 (`No route for POST /app/auth/proxy/m2m/token`) on the
 * server and a `Failed to fetch` in the page, so it is refused with the origin to use instead.
 */
import { ValidationError } from '../errors/validation-error.js';
import { ASTRATO_DEFAULT_BASE_URL } from './astrato-constants.js';

/**
 * @internal Shared by `@oemkit/server` and `@oemkit/browser`, not part of the public API. The
 * absolute http(s) URL `value` spells, or `undefined`.
 */
export function httpUrl(value: unknown): URL | undefined {
  try {
    const url = new URL(value as string);
    return typeof value === 'string' && /^https?:$/.test(url.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @internal Shared by `@oemkit/server` and `@oemkit/browser`, not part of the public API. Checks a
 * `baseUrl` option and returns its origin, or with `keepPath` (a self-hosted DataBrain behind a
 * path) the URL without trailing slashes, since vendor samples write the base both with and
 * without one. Throws a `ValidationError` for `subject` naming `baseUrl`. An unreadable value is
 * never quoted (a secret pasted into the wrong option); a URL with a path is, without its
 * credentials, query or fragment, which are refused before.
 */
export function readBaseUrl(value: unknown, subject: string, example = ASTRATO_DEFAULT_BASE_URL, keepPath = false): string {
  const url = httpUrl(value);
  const problem = !url
    ? `must be an absolute URL such as ${example} (http only for a local emulator)`
    : url.username || url.password
      ? 'must not contain credentials'
      : url.search || url.hash
        ? 'must not contain a query or fragment'
        : keepPath || /^\/*$/.test(url.pathname)
          ? ''
          : `must be an origin such as ${example}, without a path: use ${url.origin}, not ${url.origin + url.pathname}`;
  if (problem) throw new ValidationError(subject, [{ path: ['baseUrl'], message: problem }]);
  return keepPath ? (url!.origin + url!.pathname).replace(/\/+$/, '') : url!.origin;
}
