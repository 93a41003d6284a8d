/**
 * The Astrato OEM API client: m2m token, session setup (tickets) and sign-out.
 *
 * @module
 */
import { isOemkitError, ValidationError, type ValidationIssue } from '@oemkit/schema/errors';
import { astratoErrorBodySchema, m2mTokenResponseSchema, setupRequestSchema, setupResponseSchema, TICKET_LIFETIME, TOKEN_LIFETIME_LIMIT, type FilterParameters, type SetupRequest } from '@oemkit/schema';
import { readAstratoOrigin, validate } from '@oemkit/schema/internal';
import type { CallOptions } from '../transport/call-options.js';
import { assertServerRuntime } from '../runtime/server-runtime.js';
import { HttpClient } from '../transport/http-client.js';
import type { TransportOptions, VendorErrorDetails } from '../transport/transport-options.js';
import { INSPECT } from '../redaction/inspect.js';
import { createLog, type Log } from '../observability/logger.js';
import { observabilityIssues, type ObservabilityOptions } from '../observability/observability-options.js';
import { DEFAULT_EXPIRY_MARGIN, TokenCache } from '../token/token-cache.js';
import { resolveTokenExpiry } from './token-expiry.js';
import { createSessionKeys, type SessionSubject } from './session-key.js';
import { SharedTokenSource } from '../token/store-source.js';
import { tokenStoreProblem, type TokenStore } from '../token/token-store.js';

const LONGEST_REFRESH_AHEAD = TOKEN_LIFETIME_LIMIT / 2;

/**
 * Options for {@link AstratoClient}.
 */
export interface AstratoClientOptions extends TransportOptions, ObservabilityOptions {
  /** The OEM Management API client id (Administration → System Settings). */
  clientId: string;
  /** The OEM Management API client secret. Never logged, serialised or shown by `util.inspect`. */
  clientSecret: string;
  /**
   * Your Astrato URL: an origin such as `https://acme.astrato.io`, with or without a trailing slash.
   * Astrato serves its API at the root, so a path (`https://app.astrato.io/app`) is refused with the
   * origin to use instead, rather than failing every call with a 404.
   * @default 'https://app.astrato.io'
   */
  baseUrl?: string | undefined;
  /**
   * Refresh the m2m token in the background this many ms before it expires, from 0 to 300000 (half
   * the token's 10-minute life: more would fetch a token on nearly every call).
   * @default 60000
   */
  refreshAhead?: number | undefined;
  /**
   * Share one m2m token among every process of a fleet through this store, instead of each
   * process fetching its own: a Keyv instance (Redis, Valkey, Postgres…) as it is, or any
   * {@link TokenStore}. The token is stored encrypted (a JWE under a key derived from the client
   * secret), one process fetches at a time under a short lock while the others wait for its
   * token, a 401 deletes the stored token only if it is still the refused one, and a store that
   * fails or is slow (more than 500 ms) is skipped for that call with one logged warning: a ticket
   * never fails because of the store. See docs/fleet.md.
   * @default none: each process caches its own token in memory
   */
  tokenStore?: TokenStore | undefined;
  /** The clock, for tests and the emulator. @default Date.now */
  now?: (() => number) | undefined;
}

/**
 * What {@link AstratoClient.setup} accepts: the `/oem/setup` body, with `filterParameters` as
 * built by `filterParameters()` from `@oemkit/schema`.
 *
 * @example
 * ```ts
 * import { filterParameters } from '@oemkit/schema';
 * import type { SetupInput } from '@oemkit/server';
 * const input: SetupInput = { email: 'ana@example.com', groupNames: ['Viewers'], filterParameters: filterParameters({ org_id: 'ID87' }) };
 * ```
 */
export type SetupInput = Omit<SetupRequest, 'filterParameters'> & { filterParameters?: FilterParameters };

/**
 * A session ticket and when it stops being redeemable.
 *
 * @example
 * ```ts
 * const { ticket, expiresAt } = await astrato.setup({ email: 'ana@example.com', groupNames: ['Viewers'] });
 * console.log(expiresAt.getTime() - Date.now() <= 60_000); // true
 * ```
 */
export interface SetupResult {
  ticket: string;
  expiresAt: Date;
}

/**
 * Talks to the Astrato OEM API from your backend. Keep one instance per process: it caches the
 * m2m token (10 minutes), shares one token request among concurrent callers and renews it
 * before it expires. With `tokenStore`, every process of a fleet shares one token (docs/fleet.md).
 *
 * @example
 * ```ts
 * import { AstratoClient } from '@oemkit/server';
 * const astrato = new AstratoClient({
 *   clientId: process.env.ASTRATO_CLIENT_ID!,
 *   clientSecret: process.env.ASTRATO_CLIENT_SECRET!,
 * });
 * const { ticket } = await astrato.setup({ email: 'ana@example.com', groupNames: ['OEM2'] });
 * // send only `ticket` to the browser
 * ```
 */
export class AstratoClient {
  readonly baseUrl: string;
  readonly #clientId: string;
  readonly #clientSecret: string;
  readonly #http: HttpClient;
  readonly #tokens: TokenCache;
  readonly #shared: SharedTokenSource | undefined;
  readonly #now: () => number;
  readonly #log: Log;
  #fetchedBefore = false;
  #sessionKeys: ((subject: SessionSubject) => Promise<string>) | undefined;

  constructor(options: AstratoClientOptions) {
    assertServerRuntime('AstratoClient');
    this.baseUrl = checkOptions(options);
    this.#clientId = options.clientId;
    this.#clientSecret = options.clientSecret;
    this.#now = options.now ?? Date.now;
    // Every secret this client knows, the token it holds included, is kept out of its events.
    this.#log = createLog(options.logger, () => [this.#clientSecret, `${this.#clientId}:${this.#clientSecret}`, this.#tokens.peek() ?? '']);
    this.#http = new HttpClient({
      ...options,
      log: this.#log,
      service: 'astrato',
      baseUrl: this.baseUrl,
      readErrorBody: readAstratoError,
      // Sent in the token request's body (and as id:secret, the pair a Basic header would encode);
      // header credentials are scrubbed by the transport itself.
      secrets: () => [this.#clientSecret, `${this.#clientId}:${this.#clientSecret}`],
    });
    const shared = options.tokenStore === undefined ? undefined : new SharedTokenSource({
      store: options.tokenStore,
      owner: { baseUrl: this.baseUrl, clientId: this.#clientId, clientSecret: this.#clientSecret },
      fetchToken: () => this.#fetchToken(),
      log: this.#log,
      now: this.#now,
      expiryMargin: DEFAULT_EXPIRY_MARGIN,
      // What this process can know of a stored token's expiry on its own clock: its JWT `exp`, 10 minutes at most.
      latestExpiry: (token, now) => resolveTokenExpiry(token, undefined, now),
    });
    this.#shared = shared;
    this.#tokens = new TokenCache({
      // Without a store the cache calls the vendor directly, exactly as before: no extra step.
      fetchToken: shared === undefined ? () => this.#fetchToken() : (replacing) => shared.fetch(replacing),
      now: this.#now,
      ...(options.refreshAhead === undefined ? {} : { refreshAhead: options.refreshAhead }),
    });
  }

  /**
   * Returns a valid m2m access token (`POST /auth/proxy/m2m/token`), from the cache when possible.
   * Treat it like the client secret: it grants full control of the tenant.
   */
  getAccessToken(options: CallOptions = {}): Promise<string> {
    return this.#tokens.get(options.signal);
  }

  /**
   * Prepares a session for a user (`POST /oem/setup`) and returns a single-use ticket that the
   * browser must redeem within 60 seconds. The input is validated before anything is sent. If
   * Astrato refuses the cached token (401), a fresh one is fetched and the call retried once.
   *
   * @throws `ValidationError` for bad input, `InvalidResponseError` for a ticket that holds the
   *   client secret or the m2m token (a vendor echoing one back: it is never handed out), and the
   *   errors of the HTTP layer.
   */
  async setup(input: SetupInput, options: CallOptions = {}): Promise<SetupResult> {
    const body = readSetupInput(input);
    const token = await this.#tokens.get(options.signal);
    try {
      return await this.#postSetup(body, token, options.signal);
    } catch (error) {
      if (!isOemkitError(error, 'AUTHENTICATION_ERROR') || error.status !== 401) throw error;
      this.#tokens.invalidate(token);
      await this.#shared?.forget(token);
      return this.#postSetup(body, await this.#tokens.get(options.signal), options.signal);
    }
  }

  /**
   * The session key of a setup input: what the ticket endpoint answers beside each ticket and
   * compares with the key the page remembers (`Oemkit-Session-Key`), so that a page whose Astrato
   * session was made for this same input loads without a ticket. It is `v1.` and 43 base64url
   * characters (an HMAC-SHA256 keyed by the client secret) over everything that decides what the
   * session may see: the input as `setup` would send it (email, name, groups in their order,
   * `filterParameters`...) with the base URL and client id; the order keys were written in does
   * not matter.
   *
   * It reveals nothing of the input, not even to someone who guesses emails, since only holders of
   * the client secret can compute it; it is a name, not a credential: presenting it to the ticket
   * endpoint still needs the user's own sign-in there. It is the same in every process with the
   * same credentials, and changes when any part of the input, the base URL, the client id or the
   * secret changes (rotating the secret costs each browser one redemption). Nothing is sent.
   *
   * @throws `ValidationError` for an input `setup` would refuse, with the same issues, never the values.
   * @example
   * ```ts
   * // What createTicketHandler answers for you, written by hand:
   * export async function POST(): Promise<Response> {
   *   const input = { email: 'ana@example.com', groupNames: ['Viewers'] };
   *   const [{ ticket }, sessionKey] = await Promise.all([astrato.setup(input), astrato.sessionKey(input)]);
   *   return Response.json({ ticketId: ticket, sessionKey });
   * }
   * ```
   */
  async sessionKey(input: SetupInput): Promise<string> {
    const body = readSetupInput(input);
    this.#sessionKeys ??= createSessionKeys(this.#clientSecret);
    return this.#sessionKeys({ baseUrl: this.baseUrl, clientId: this.#clientId, input: body });
  }

  /**
   * Ends a user's Astrato session (`/auth/proxy/0/sign_out`), forwarding their Astrato session
   * cookie. Your backend only has that cookie if it shares a site with Astrato (a custom domain);
   * otherwise sign out from the page with `signOut()` from `@oemkit/browser`. An already-ended
   * session (401) counts as signed out. Astrato does not document the method; oemkit sends GET.
   */
  async signOut(options: { cookie: string } & CallOptions): Promise<void> {
    const cookie = options?.cookie;
    if (typeof cookie !== 'string' || cookie.trim() === '' || /[\r\n\0]/.test(cookie)) {
      throw new ValidationError('sign-out input', [{ path: ['cookie'], message: 'must be a non-empty Cookie header value on one line' }]);
    }
    await this.#http.request({
      method: 'GET',
      path: 'auth/proxy/0/sign_out',
      headers: { cookie },
      acceptRedirect: true,
      signal: options.signal,
      alsoOk: (status) => (status >= 300 && status < 400) || status === 401,
    });
  }

  async #fetchToken() {
    const requestedAt = this.#now();
    const { body } = await this.#http.request({
      method: 'POST',
      path: 'auth/proxy/m2m/token',
      json: { clientId: this.#clientId, clientSecret: this.#clientSecret },
      schema: m2mTokenResponseSchema,
      issued: (answer) => ({ access_token: answer.access_token }),
    });
    const expiresAt = resolveTokenExpiry(body.access_token, body.expires_in, requestedAt);
    this.#log('info', 'oemkit.token.fetched', { service: 'astrato', lifetimeMs: expiresAt - requestedAt, refreshed: this.#fetchedBefore });
    this.#fetchedBefore = true;
    return { value: body.access_token, expiresAt };
  }

  async #postSetup(body: SetupRequest, token: string, signal: AbortSignal | undefined): Promise<SetupResult> {
    const sentAt = this.#now();
    const response = await this.#http.request({
      method: 'POST',
      path: 'oem/setup',
      json: body,
      headers: { authorization: `Bearer ${token}` },
      signal,
      schema: setupResponseSchema,
      // The ticket goes to the page: never the client secret or the m2m token, echoed back as one.
      issued: (answer) => ({ ticket: answer.ticket }),
    });
    return { ticket: response.body.ticket, expiresAt: new Date(sentAt + TICKET_LIFETIME) };
  }

  /** Only the base URL: credentials and tokens stay out of logs. */
  toJSON(): { baseUrl: string } {
    return { baseUrl: this.baseUrl };
  }

  [INSPECT](): string {
    return `AstratoClient { baseUrl: '${this.baseUrl}' }`;
  }
}

/** The setup body an input makes, or a `ValidationError`: the one check of `setup` and `sessionKey`. */
function readSetupInput(input: SetupInput): SetupRequest {
  return validate(setupRequestSchema, input, 'setup input');
}

/** Every problem at once, and the base URL when there is none. */
function checkOptions(options: AstratoClientOptions): string {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('AstratoClient options', [{ path: [], message: 'pass { clientId, clientSecret, baseUrl? }' }]);
  }
  const issues: ValidationIssue[] = (['clientId', 'clientSecret'] as const)
    .filter((key) => typeof options[key] !== 'string' || options[key].trim() === '')
    .map((key) => ({ path: [key] as string[], message: 'is required (a non-empty string from Astrato System Settings)' }));
  const { refreshAhead, now } = options;
  if (refreshAhead !== undefined && !(Number.isInteger(refreshAhead) && refreshAhead >= 0 && refreshAhead <= LONGEST_REFRESH_AHEAD)) {
    issues.push({ path: ['refreshAhead'], message: `must be a whole number of milliseconds from 0 to ${LONGEST_REFRESH_AHEAD}` });
  }
  if (now !== undefined && typeof now !== 'function') issues.push({ path: ['now'], message: 'must be a function returning epoch milliseconds, like Date.now' });
  const storeIssue = tokenStoreProblem(options.tokenStore);
  if (storeIssue) issues.push({ path: ['tokenStore'], message: storeIssue });
  issues.push(...observabilityIssues(options));
  let baseUrl = '';
  try {
    baseUrl = readAstratoOrigin(options.baseUrl);
  } catch (error) {
    if (!isOemkitError(error, 'VALIDATION_ERROR')) throw error;
    issues.push(...error.issues);
  }
  if (issues.length > 0) throw new ValidationError('AstratoClient options', issues);
  return baseUrl;
}

function readAstratoError(body: unknown): VendorErrorDetails {
  const parsed = astratoErrorBodySchema.safeParse(body);
  if (!parsed.success) return {};
  const { message, code, correlationId } = parsed.data;
  return { vendorMessage: message, vendorCode: code === undefined ? undefined : String(code), correlationId };
}

