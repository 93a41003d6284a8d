/**
 * May a page on one origin frame an embed page? `Content-Security-Policy: frame-ancestors`
 * when present (browsers then ignore `X-Frame-Options`), otherwise `X-Frame-Options`, matched as
 * CSP Level 3 and the HTML standard describe.
 *
 * @module
 */

/** The verdict and the header that decided it. */
export interface FramingVerdict {
  allowed: boolean;
  /** What decided it, quoted for the reader: `frame-ancestors 'self'`, `X-Frame-Options: DENY`, or nothing said. */
  reason: string;
}

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };
const HOST_SOURCE = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[^/:]+)(?::(\d+|\*))?(?:\/.*)?$/i;

const portOf = (url: URL) => url.port || DEFAULT_PORT[url.protocol] || '';
// A source's scheme matches itself and its secure upgrade (http: allows https:).
const schemeMatches = (source: string, target: string) => source === target || (source === 'http:' && target === 'https:');

/** Whether `host` (the framing page's origin) matches one source expression, for a page at `page`. */
function matchesSource(source: string, host: URL, page: URL): boolean {
  const lower = source.toLowerCase();
  if (lower === "'self'") return host.origin === page.origin || (schemeMatches(page.protocol, host.protocol) && host.host === page.host);
  if (lower === '*') return host.protocol === 'http:' || host.protocol === 'https:';
  if (/^[a-z][a-z0-9+.-]*:$/.test(lower)) return schemeMatches(lower, host.protocol);
  if (lower.startsWith("'")) return false; // 'none' and keywords that mean nothing for framing
  const match = HOST_SOURCE.exec(lower);
  if (!match) return false;
  const [, scheme, hostPattern = '', port] = match;
  if (!schemeMatches(scheme ? `${scheme}:` : page.protocol, host.protocol)) return false;
  const hostname = host.hostname.toLowerCase();
  if (hostPattern === '*') {
    // A bare `*` with a scheme or port still matches any host.
  } else if (hostPattern.startsWith('*.')) {
    if (!hostname.endsWith(hostPattern.slice(1))) return false;
  } else if (hostname !== hostPattern) return false;
  if (port === '*') return true;
  return port === undefined ? portOf(host) === DEFAULT_PORT[host.protocol] : portOf(host) === port;
}

/** The frame-ancestors source list of each enforced policy that has one (a header may hold several policies, comma-separated). */
export function frameAncestorsLists(csp: string | null): string[][] {
  if (!csp) return [];
  return csp.split(',').flatMap((policy) => {
    const directive = policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .find(([name]) => name?.toLowerCase() === 'frame-ancestors');
    return directive ? [directive.slice(1)] : [];
  });
}

/**
 * Whether a page at `hostOrigin` may frame `pageUrl`, given the embed page's `Content-Security-Policy`
 * and `X-Frame-Options` headers (as `Headers.get` joins repeats: comma-separated).
 */
export function framingVerdict(hostOrigin: URL, pageUrl: URL, csp: string | null, xFrameOptions: string | null): FramingVerdict {
  const lists = frameAncestorsLists(csp);
  if (lists.length > 0) {
    // Every policy is enforced: each must allow the host.
    const refusing = lists.find((list) => !list.some((source) => matchesSource(source, hostOrigin, pageUrl)));
    return refusing ? { allowed: false, reason: `frame-ancestors ${refusing.join(' ') || "(empty, as 'none')"}` } : { allowed: true, reason: `frame-ancestors ${lists[0]!.join(' ')}` };
  }
  const values = new Set((xFrameOptions ?? '').split(',').map((value) => value.trim().toLowerCase()).filter(Boolean));
  if (values.size === 0) return { allowed: true, reason: 'neither frame-ancestors nor X-Frame-Options is sent' };
  const header = `X-Frame-Options: ${xFrameOptions}`;
  // The HTML standard: conflicting values refuse; DENY refuses; SAMEORIGIN needs the same origin;
  // anything else (ALLOW-FROM included, which no current browser supports) is ignored.
  if (values.size > 1) return { allowed: false, reason: `${header} (conflicting values)` };
  const [value] = values;
  if (value === 'deny') return { allowed: false, reason: header };
  if (value === 'sameorigin') return { allowed: hostOrigin.origin === pageUrl.origin, reason: header };
  return { allowed: true, reason: `${header} (ignored by browsers)` };
}
