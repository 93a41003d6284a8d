/**
 * What the browser needs from a ticket's redemption on a host page: a CORS answer that
 * lets it read the credentialed response, and a session cookie it will send back from the iframe.
 *
 * @module
 */
import { fail, pass, type CheckResult } from './check-result.js';
import { sameSite } from './site.js';

/**
 * The preflight (`OPTIONS`) and the credentialed `GET`, each read as a browser at `origin` would.
 * The GET decides: oemkit's redemption is a simple request (GET, no custom header), which browsers
 * send without a preflight, so a refused preflight is reported but fails nothing. It matters to a
 * page that adds a header of its own.
 */
export function corsCheck(origin: string, preflight: Response, redemption: Response): CheckResult {
  const problems = corsProblems('GET', origin, redemption);
  const preflightProblems = corsProblems('OPTIONS preflight', origin, preflight);
  const note = preflightProblems.length > 0 ? ` (note: ${preflightProblems.join('; ')}; only a redemption with a custom header is preflighted)` : '';
  if (problems.length === 0) return pass('cors', `the redemption allows ${origin} with credentials (Access-Control-Allow-Origin: ${origin}, Allow-Credentials: true)${note}`);
  return fail('cors', [...problems, ...preflightProblems].join('; '), `ask Astrato to allow ${origin} with credentials for /auth/proxy/oem/ticket; the page cannot read the redemption otherwise (CONNECTION_ERROR in the browser)`);
}

function corsProblems(what: string, origin: string, response: Response): string[] {
  const allowOrigin = response.headers.get('access-control-allow-origin');
  const credentials = response.headers.get('access-control-allow-credentials');
  const problems: string[] = [];
  if (allowOrigin === null) problems.push(`${what} answered ${response.status} without Access-Control-Allow-Origin`);
  else if (allowOrigin !== origin) problems.push(`${what} answered Access-Control-Allow-Origin: ${allowOrigin}, not ${origin}${allowOrigin === '*' ? ' (* is refused with credentials)' : ''}`);
  if (allowOrigin !== null && credentials !== 'true') problems.push(`${what} answered without Access-Control-Allow-Credentials: true`);
  return problems;
}

interface CookieAttributes {
  name: string;
  sameSite: string | undefined;
  secure: boolean;
  partitioned: boolean;
}

function readCookie(header: string): CookieAttributes {
  const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
  const named = new Map(attributes.map((attribute) => {
    const [key = '', value = ''] = attribute.split('=');
    return [key.toLowerCase(), value] as const;
  }));
  return { name: pair.split('=')[0] ?? '', sameSite: named.get('samesite'), secure: named.has('secure'), partitioned: named.has('partitioned') };
}

/**
 * The session cookie the redemption set, judged for a host at `hostOrigin`. On the same site any
 * `SameSite` works. From another site the iframe sends it only with `SameSite=None; Secure`, and
 * browsers that block third-party cookies (Safari, Firefox's strict mode, Chrome with them off)
 * keep it only when it is also `Partitioned`.
 */
export function sessionCookieCheck(hostOrigin: URL, astrato: URL, setCookies: readonly string[]): CheckResult {
  const session = setCookies.map(readCookie).find((cookie) => cookie.name !== '');
  if (!session) {
    return fail('session cookie', 'the redemption set no cookie', 'without a cookie the iframe has no session: check that the ticket was redeemed with credentials and that nothing between (a proxy, a CDN) strips Set-Cookie');
  }
  const attributes = `${session.name}: SameSite=${session.sameSite ?? '(none, read as Lax)'}, ${session.secure ? 'Secure' : 'not Secure'}, ${session.partitioned ? 'Partitioned' : 'not Partitioned'}`;
  if (sameSite(hostOrigin, astrato)) return pass('session cookie', `${attributes}; the host is on Astrato's site, so the iframe sends it`);
  if (session.sameSite?.toLowerCase() !== 'none' || !session.secure) {
    return fail('session cookie', `${attributes}; the host is on another site, so the iframe never sends it`, 'a cross-site iframe needs SameSite=None; Secure: ask Astrato, or serve Astrato under your own site (a custom domain) so the cookie is first-party');
  }
  if (!session.partitioned) {
    return fail('session cookie', `${attributes}; browsers that block third-party cookies (Safari, Firefox strict, Chrome with them off) drop it`, 'ask Astrato for Partitioned (CHIPS), serve Astrato under your own site, or redeem at top level (location = the ticket URL) so the cookie is first-party');
  }
  return pass('session cookie', `${attributes}; a cross-site iframe keeps it even where third-party cookies are blocked`);
}
