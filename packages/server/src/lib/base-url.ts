import { ValidationError } from '@oemkit/schema';

/**
 * Checks a base URL option and returns it without a trailing slash. Astrato's own samples write
 * `${ASTRATO_URL}auth/proxy/...` (base with a trailing slash) while the seeds write the base
 * without one; both must work, so the slash is dropped here and every path is joined with one.
 */
export function normalizeBaseUrl(value: unknown, option: string): string {
  const problem = describeBaseUrlProblem(value);
  if (problem) throw new ValidationError('client options', [{ path: [option], message: problem }]);
  const url = new URL(value as string);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function describeBaseUrlProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return 'must be a URL string';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL such as https://app.astrato.io';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must use https (or http for a local emulator)';
  if (url.username || url.password) return 'must not contain credentials';
  if (url.search || url.hash) return 'must not contain a query or fragment';
  return undefined;
}
