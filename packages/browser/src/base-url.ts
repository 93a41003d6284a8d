import { ValidationError } from '@oemkit/schema/errors';

/**
 * Astrato's cloud, the default everywhere a base URL is optional.
 *
 * @example
 * ```ts
 * import { DEFAULT_BASE_URL } from '@oemkit/browser';
 * console.log(DEFAULT_BASE_URL); // https://app.astrato.io
 * ```
 */
export const DEFAULT_BASE_URL = 'https://app.astrato.io';

/** @internal Parses an http(s) URL option or throws a ValidationError naming it. */
export function parseUrl(value: unknown, option: string, base?: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value as string, base);
  } catch {
    // handled below
  }
  if (typeof value !== 'string' || !url || !/^https?:$/.test(url.protocol)) {
    throw new ValidationError('options', [{ path: [option], message: 'must be an http(s) URL' }]);
  }
  return url;
}

/** @internal The base URL without a trailing slash, so paths join the same with or without one. */
export function normalizeBaseUrl(value: string | undefined): string {
  const url = parseUrl(value ?? DEFAULT_BASE_URL, 'baseUrl');
  return (url.origin + url.pathname).replace(/\/+$/, '');
}
