/**
 * Reading a `Cookie` request header: the one parser for the ticket endpoint's `authorize`,
 * the emulators and the transport's redaction of cookies it sent.
 *
 * @module
 */

/**
 * Reads the cookies of a request (or of a `Cookie` header value) into a map of name to value. It
 * splits on `;`, cuts each pair at its first `=`, trims both sides and drops one pair of double
 * quotes around a value, as RFC 6265 allows; a pair without `=` is skipped. When a name repeats
 * the first wins, as browsers send the most specific cookie first. Values are not URL-decoded.
 *
 * @example
 * ```ts
 * import { createTicketHandler, parseCookies } from '@oemkit/server';
 * const sessions = new Map([['session-123', { email: 'ana@acme.test' }]]); // your own sign-in
 * parseCookies('sid=session-123; theme="dark"').get('theme'); // 'dark'
 * const tickets = createTicketHandler({
 *   client: astrato,
 *   authorize: (request) => {
 *     const user = sessions.get(parseCookies(request).get('sid') ?? '');
 *     return user ? { email: user.email, groupNames: ['Viewers'] } : null;
 *   },
 * });
 * ```
 */
export function parseCookies(from: Request | string | null | undefined): Map<string, string> {
  const header = typeof from === 'string' ? from : (from?.headers.get('cookie') ?? '');
  const cookies = new Map<string, string>();
  for (const pair of header.split(';')) {
    const equals = pair.indexOf('=');
    if (equals === -1) continue;
    const name = pair.slice(0, equals).trim();
    const value = pair.slice(equals + 1).trim();
    if (name !== '' && !cookies.has(name)) cookies.set(name, value.length > 1 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value);
  }
  return cookies;
}
