/**
 * A local Astrato: m2m tokens, setup, tickets, sessions, sign-out and an embed page.
 *
 * @module
 */
import { m2mTokenRequestSchema, setupRequestSchema } from '@oemkit/schema';
import { ValidationError } from '@oemkit/schema/errors';
import { durationProblem, validate } from '@oemkit/schema/internal';
import { SignJWT, jwtVerify } from 'jose';
import { parseCookies } from '../transport/cookies.js';
import { embedInitialState } from './astrato-embed-link.js';
import { embedPage } from './astrato-embed-page.js';
import { readWorkbook } from './astrato-embed-workbook.js';
import type { AstratoEmulatorOptions } from './astrato-emulator-options.js';
import { AstratoState, LIFETIMES, type EmulatedGroup, type EmulatedUser } from './astrato-state.js';
import { uiPage } from './astrato-ui-page.js';
import { createEmulatorCore, type Emulator, type EmulatorCall } from './emulator-core.js';
import { framingHeaders, isNavigation, sessionCookieHeader, skewedClock, withDateHeader } from './tenant-setup.js';

/**
 * The Astrato emulator: an {@link Emulator} plus the tenant's state.
 *
 * @example
 * ```ts
 * import { createAstratoEmulator } from '@oemkit/server/testing';
 * const emulator = createAstratoEmulator();
 * emulator.endSessions(); // every embedded dashboard now reports 401Error
 * ```
 */
export interface AstratoEmulator extends Emulator {
  readonly clientId: string;
  readonly clientSecret: string;
  /** How many tokens, tickets, redemptions and sign-outs happened. */
  readonly counts: Readonly<AstratoState['counts']>;
  /** Users created so far. */
  users(): EmulatedUser[];
  /** Ends every session, as sign-out or expiry would. */
  endSessions(): void;
  /** Redeem without setting the cookie, as a browser that blocks third-party cookies behaves. */
  blockSessionCookies: boolean;
}

/** The session cookie's name: Astrato does not document it (an assumption). */
const COOKIE = 'astrato_session';
/** The routes Astrato's OEM page says only a backend may call. */
const SERVER_ONLY_PATHS = new Set(['/auth/proxy/m2m/token', '/oem/setup']);
const DEFAULT_GROUPS: EmulatedGroup[] = [
  { id: 'grp-viewers', name: 'Viewers' },
  { id: 'grp-editors', name: 'Editors' },
];

/**
 * Creates a local Astrato that behaves as Astrato's documentation and public examples describe:
 * client credentials, 10-minute m2m JWTs with `expires_in` as absolute epoch milliseconds,
 * `/oem/setup` validated like the real API, 60-second tickets (single use unless `ticketReuse`),
 * redemption that sets a session cookie (7 days unless `sessionLifetime`) and answers the user
 * (a page's fetch with `?embed`) or redirects to a stand-in of Astrato's UI at `/` (without
 * `?embed`, or a top-level navigation), no CORS on the
 * server-to-server routes, sign-out, and an embed page at `/embed/:id` that posts `401Error` to its
 * parent when it has no session and applies DYNAMIC FILTERING as Astrato's action does, to a chart
 * of made-up sales reduced by the session's `org_id` parameter and filtered from the first paint
 * by the link's `queryFilter` (its `variable`s are shown); with `workbook` it posts the messages a
 * workbook author configures (a bar clicked, the active sheet) and switches sheets on request. Errors have Astrato's
 * `{ message, code, correlationId }` shape. `POST /__emulator/end-sessions` ends every session,
 * as {@link AstratoEmulator.endSessions} does.
 *
 * @example
 * ```ts
 * import { AstratoClient } from '@oemkit/server';
 * import { createAstratoEmulator } from '@oemkit/server/testing';
 * const emulator = createAstratoEmulator();
 * const { url, close } = await emulator.listen();
 * const client = new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, baseUrl: url });
 * const { ticket } = await client.setup({ email: 'ana@example.com', groupNames: ['Viewers'] });
 * await close();
 * ```
 */
export function createAstratoEmulator(options: AstratoEmulatorOptions = {}): AstratoEmulator {
  const clientId = options.clientId ?? 'local-client-id';
  const clientSecret = options.clientSecret ?? 'local-client-secret';
  const groups = options.groups ?? DEFAULT_GROUPS;
  const now = skewedClock(options.now ?? Date.now, options.clockSkewMs);
  const sessionLifetime = options.sessionLifetime ?? LIFETIMES.session;
  const lifetimeProblem = durationProblem(sessionLifetime, 1);
  if (lifetimeProblem) throw new TypeError(`sessionLifetime ${lifetimeProblem}`);
  const ticketReuse = options.ticketReuse ?? 'single-use';
  if (ticketReuse !== 'single-use' && ticketReuse !== 'reusable') throw new TypeError('ticketReuse must be "single-use" or "reusable"');
  const state = new AstratoState(now, { sessionLifetime, ticketReuse });
  const signingKey = crypto.getRandomValues(new Uint8Array(32));
  const settings = { blockSessionCookies: false };
  const workbook = readWorkbook(options.workbook);

  const cors = (request: Request, headers: Headers) => {
    const origin = request.headers.get('origin');
    if (origin && (!options.allowedOrigins || options.allowedOrigins.includes(origin))) {
      headers.set('access-control-allow-origin', origin);
      headers.set('access-control-allow-credentials', 'true');
    }
    headers.append('vary', 'Origin');
    return headers;
  };
  // For the routes a page calls (redemption, session checks), with CORS for an allowed origin.
  const json = (request: Request, body: unknown, status = 200, extra: HeadersInit = {}) =>
    new Response(JSON.stringify(body), { status, headers: cors(request, new Headers({ 'content-type': 'application/json', ...extra })) });
  // For the server-to-server routes (m2m token, setup): no CORS, so a browser calling them fails.
  const serverJson = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  const fail = (status: number, message: string, code: string, correlationId: string = crypto.randomUUID()) =>
    new Response(JSON.stringify({ message, code, correlationId }), { status, headers: { 'content-type': 'application/json' } });
  const sessionOf = (request: Request) => state.session(parseCookies(request).get(COOKIE));
  const sessionCookie = (request: Request, value: string, maxAge: number) =>
    sessionCookieHeader(COOKIE, value, maxAge, new URL(request.url).protocol === 'https:', options.sessionCookie);

  async function issueToken(request: Request): Promise<Response> {
    let body: { clientId: string; clientSecret: string };
    try {
      body = validate(m2mTokenRequestSchema, await request.json(), 'token request');
    } catch (error) {
      return fail(400, error instanceof ValidationError ? error.message : 'Body must be JSON', 'INVALID_REQUEST_BODY');
    }
    if (body.clientId !== clientId || body.clientSecret !== clientSecret) return fail(401, 'Invalid client credentials', 'INVALID_CLIENT');
    const issuedAt = now();
    const accessToken = await new SignJWT({ scope: 'oem' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(clientId)
      .setIssuedAt(Math.floor(issuedAt / 1000))
      .setExpirationTime(Math.floor((issuedAt + LIFETIMES.token) / 1000))
      .sign(signingKey);
    state.counts.tokensIssued++;
    // The form Astrato's documented example shows: an absolute epoch time in milliseconds.
    return serverJson({ access_token: accessToken, expires_in: issuedAt + LIFETIMES.token });
  }

  async function setup(request: Request): Promise<Response> {
    const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    try {
      if (!token) throw new Error('missing');
      await jwtVerify(token, signingKey, { currentDate: new Date(now()) });
    } catch {
      return fail(401, 'Invalid or expired token', 'UNAUTHORIZED');
    }
    let body: ReturnType<typeof setupRequestSchema.parse>;
    try {
      body = validate(setupRequestSchema, await request.json(), 'setup body');
    } catch (error) {
      return fail(400, error instanceof ValidationError ? error.message : 'Body must be JSON', 'INVALID_REQUEST_BODY');
    }
    const byId = (body.groupIds ?? []).map((id) => groups.find((group) => group.id === id));
    const byName = (body.groupNames ?? []).map((name) => groups.find((group) => group.name === name));
    if ([...byId, ...byName].some((group) => group === undefined)) return fail(400, 'Unknown group', 'GROUP_NOT_FOUND');
    const groupIds = [...new Set([...byId, ...byName].map((group) => group!.id))];
    const user = state.userFor(body.email, body.name);
    return serverJson({ ticket: state.issueTicket({ user, groupIds, filterParameters: body.filterParameters ?? {} }) });
  }

  function redeem(request: Request, ticket: string, embed: boolean): Response {
    const grant = state.redeem(decodeURIComponent(ticket));
    if (!grant) {
      const response = fail(401, 'Ticket expired, already used or unknown', 'TICKET_INVALID');
      cors(request, response.headers);
      return response;
    }
    const cookie = settings.blockSessionCookies ? undefined : sessionCookie(request, state.openSession(grant), Math.floor(sessionLifetime / 1000));
    // Astrato's OEM page: the redemption "redirects to Astrato UI" (here `/`, an assumption); a
    // page's credentialed fetch with ?embed (its PHP example) gets the resolved user instead. A
    // top-level navigation, ?embed or not, is the documented custom-login pattern: it redirects.
    const response = embed && !isNavigation(request) ? json(request, { ...grant.user, groupIds: grant.groupIds }) : new Response(null, { status: 302, headers: { location: '/' } });
    if (cookie) response.headers.append('set-cookie', cookie);
    return response;
  }

  function signOut(request: Request): Response {
    const id = parseCookies(request).get(COOKIE);
    if (id) state.sessions.delete(id);
    state.counts.signOuts++;
    // Astrato documents no answer. A page signs out with a no-cors request, which cannot read one,
    // and Chromium's opaque-response blocking cancels a JSON or HTML body (net::ERR_ABORTED in the
    // console); 204 is an answer it lets through whole. The cookie is cleared either way.
    return new Response(null, { status: 204, headers: cors(request, new Headers({ 'set-cookie': sessionCookie(request, '', 0) })) });
  }

  async function route(request: Request, path: string, call: EmulatorCall): Promise<Response> {
    const method = request.method;
    // A preflight for the server-to-server routes gets no CORS headers: the browser then refuses.
    if (method === 'OPTIONS' && SERVER_ONLY_PATHS.has(path)) return new Response(null, { status: 204 });
    if (method === 'OPTIONS') {
      return new Response(null, { status: 204, headers: cors(request, new Headers({ 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'content-type, accept' })) });
    }
    if (method === 'POST' && path === '/auth/proxy/m2m/token') return issueToken(request);
    if (method === 'POST' && path === '/oem/setup') return setup(request);
    // Current pages use `?embed`; one older page writes `/embed` as a path segment. Both work.
    const ticket = /^\/auth\/proxy\/oem\/ticket\/([^/]+)(\/embed)?$/.exec(path);
    if (method === 'GET' && ticket) return redeem(request, ticket[1]!, new URL(request.url).searchParams.has('embed') || Boolean(ticket[2]));
    if (path === '/auth/proxy/0/sign_out') return signOut(request);
    if (method === 'GET' && path === '/') return new Response(uiPage(sessionOf(request)), { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
    if (method === 'GET' && path === '/auth/proxy/session') {
      const grant = sessionOf(request);
      return grant ? json(request, { ...grant.user, groupIds: grant.groupIds }) : fail(401, 'No session', 'UNAUTHORIZED');
    }
    const embed = /^\/embed\/([^/]+)$/.exec(path);
    if (method === 'GET' && embed) {
      const title = options.dashboards?.[embed[1]!] ?? 'Sales overview';
      const grant = sessionOf(request);
      // The witness of a cross-site test: which session, if any, the browser sent the iframe.
      if (grant) call.user = grant.user.email;
      const page = embedPage({ shortId: embed[1]!, title, grant, heartbeat: options.heartbeat ?? 2000, link: embedInitialState(request.url), workbook });
      return new Response(page, {
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...framingHeaders(options.framing) },
      });
    }
    // The embed page's session check: 200 either way, so a lost session is no console error.
    if (method === 'GET' && path === '/__emulator/session') return json(request, { active: sessionOf(request) !== undefined });
    if (method === 'POST' && path === '/__emulator/end-sessions') {
      state.sessions.clear();
      return json(request, { ended: true });
    }
    return fail(404, `No route for ${method} ${path}`, 'NOT_FOUND');
  }

  // A literal, not Object.assign: assign would copy the accessors' current values, not the accessors.
  return {
    ...createEmulatorCore(withDateHeader(route, now), fail, now, options.latency),
    clientId,
    clientSecret,
    counts: state.counts,
    users: () => [...state.users.values()],
    endSessions: () => state.sessions.clear(),
    get blockSessionCookies() {
      return settings.blockSessionCookies;
    },
    set blockSessionCookies(value: boolean) {
      settings.blockSessionCookies = value;
    },
  };
}
