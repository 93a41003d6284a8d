/**
 * Which requests come from a page of another site, and are refused before `authorize`: a
 * hostile page can make the victim's browser POST to the ticket endpoint with the victim's cookie
 * (a `text/plain` form or a `no-cors` fetch needs no CORS permission), and each such request would
 * spend a vendor call and the victim's own rate limit. The browser says where a request comes
 * from; this reads what it says.
 *
 * @module
 */
import type { ValidationIssue } from '@oemkit/schema/errors';

/** Why a request was taken for another site's: safe to report, since it quotes only a well-formed origin. */
export interface ForeignRequest {
  /** `Sec-Fetch-Site: cross-site`, `Origin: null`...: the header that gave it away. */
  readonly sign: string;
  /** The page's origin, when the request named one that is a plain origin; never anything else it sent. */
  readonly origin: string | undefined;
}

/** Says whether a request comes from another site's page: `undefined` when it may go on. */
export type SiteCheck = (request: Request) => ForeignRequest | undefined;

const ORIGIN_EXAMPLE = 'such as https://app.example.com: a scheme (http or https), a host and any port, with no path and no trailing slash';
/** Longer origins are not quoted: a host name is at most 253 characters, and a report needs no more. */
const LONGEST_QUOTED_ORIGIN = 300;

/**
 * Every problem with an `allowedOrigins` option, each naming its entry. An entry must be an origin
 * exactly as a browser sends it in `Origin`, since it is compared as a string: a trailing slash or
 * a path would never match, and `*` or `null` would let any page in.
 */
export function allowedOriginsIssues(value: unknown): ValidationIssue[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [{ path: ['allowedOrigins'], message: `must be an array of origins, ${ORIGIN_EXAMPLE}` }];
  const issues: ValidationIssue[] = [];
  value.forEach((entry: unknown, index) => {
    if (!isOrigin(entry)) issues.push({ path: ['allowedOrigins', index], message: `must be an origin, ${ORIGIN_EXAMPLE}` });
  });
  return issues;
}

/**
 * The check for a handler, given its (already checked) `allowedOrigins`.
 *
 * - `Sec-Fetch-Site`, which every current browser sends, decides when present: `same-origin` and
 *   `none` (a navigation the user started) go on, and so does `Origin: null` with `same-origin`,
 *   which is the host's own page under `Referrer-Policy: no-referrer`. `cross-site` and
 *   `same-site` are refused unless `Origin` is listed. `same-site` is refused too: a sibling
 *   subdomain (a blog, a help centre, user content) is often run by someone else, and SameSite
 *   cookies, `Strict` included, reach the endpoint from it, so nothing else would stop it.
 * - Without it (Safari before 16.4, or not a browser), `Origin` decides: its own host or a listed
 *   origin goes on, `null` (a sandboxed frame, a redirect from elsewhere) or another host is
 *   refused. The host alone is compared, not the scheme: behind a proxy that ends TLS, `request.url`
 *   is `http:` while the page is `https:`.
 * - Neither header: a server, curl or a test, not a page a user was lured to; it goes on.
 */
export function createSiteCheck(allowedOrigins: readonly string[] = []): SiteCheck {
  const allowed = new Set(allowedOrigins);
  return (request) => {
    const origin = request.headers.get('origin');
    const site = request.headers.get('sec-fetch-site')?.trim().toLowerCase();
    if (site === 'same-origin' || site === 'none') return undefined;
    if (origin !== null && allowed.has(origin)) return undefined;
    if (site === 'cross-site' || site === 'same-site') return { sign: `Sec-Fetch-Site: ${site}`, origin: quotable(origin) };
    if (origin === null) return undefined;
    if (origin === 'null') return { sign: 'Origin: null', origin: undefined };
    return hostOf(origin) === new URL(request.url).host ? undefined : { sign: 'an Origin of another host', origin: quotable(origin) };
  };
}

/** Whether a value is an http(s) origin exactly as `Origin` carries it. */
function isOrigin(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

/** The origin, when it is one and short enough to report; whatever else a script put in the header is not repeated. */
function quotable(origin: string | null): string | undefined {
  return origin !== null && origin.length <= LONGEST_QUOTED_ORIGIN && isOrigin(origin) ? origin : undefined;
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
