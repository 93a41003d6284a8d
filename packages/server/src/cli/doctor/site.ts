/**
 * Whether two origins are the same site, as a browser decides for `SameSite` cookies and
 * third-party cookie blocking: same scheme and same registrable domain (the port does not count).
 *
 * @module
 */

const IP_OR_SINGLE_LABEL = /^(\d+\.\d+\.\d+\.\d+|\[[\da-f:.]+\]|[^.]+)$/i;
// Without the public suffix list, a two-letter country code after a short second level
// (`co.uk`, `com.au`) is taken as a suffix of two labels. Good enough for advice; a browser is exact.
const TWO_LABEL_SUFFIX = /^[a-z]{2,3}\.[a-z]{2}$/i;

/** The registrable domain of a host, approximately: `app.example.com` → `example.com`. */
export function registrableDomain(host: string): string {
  if (IP_OR_SINGLE_LABEL.test(host)) return host;
  const labels = host.split('.');
  const lastTwo = labels.slice(-2).join('.');
  return TWO_LABEL_SUFFIX.test(lastTwo) && labels.length > 2 ? labels.slice(-3).join('.') : lastTwo;
}

/** Schemeful same-site: `https://app.example.com` and `https://bi.example.com` are; `http://` and `https://` of one host are not. */
export function sameSite(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && registrableDomain(a.hostname) === registrableDomain(b.hostname);
}
