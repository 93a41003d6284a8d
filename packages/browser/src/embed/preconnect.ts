/**
 * A connection to Astrato opened while the host's backend makes the first ticket, so the
 * redemption and then the iframe do not each wait for DNS, TCP and TLS.
 *
 * @module
 */

/**
 * @internal Adds `<link rel="preconnect" href="{origin}">` to the page unless a preconnect hint for
 * that origin is already there; returns what takes it away again (never a hint the host added).
 * A hint counts when its resolved `href` is on the origin (`https://app.astrato.io/` for
 * `https://app.astrato.io`), not when its text merely starts with it (`https://app.astrato.io.example`),
 * and when it has no `crossorigin` attribute, as ours has none.
 *
 * No `crossorigin` attribute, on purpose: a preconnect without one opens a credentialed
 * connection, and one with `crossorigin="anonymous"` an uncredentialed one, which browsers keep in
 * separate pools (W3C Resource Hints, "preconnect" processing: credentials is false only in the
 * Anonymous state for another origin; the WPT preconnect tests check "no crossorigin" as
 * credentialed). The redemption (`credentials: 'include'`) and the iframe's navigation are both
 * credentialed requests, so both can use the connection this opens.
 */
export function preconnect(origin: string): () => void {
  // Not one with crossorigin: that opens an uncredentialed connection, of no use here (see above).
  // `${link.href}`: a <link> inside inline SVG or MathML has no href property.
  const hint = [...document.querySelectorAll<HTMLLinkElement>('link[rel~=preconnect]:not([crossorigin])')].some((link) => `${link.href}`.startsWith(`${origin}/`))
    ? undefined
    : document.head.appendChild(Object.assign(document.createElement('link'), { rel: 'preconnect', href: origin }));
  return () => hint?.remove();
}
