/**
 * The backend endpoint that turns a signed-in user into a DataBrain guest token, and
 * nothing else: the ticket handler's twin for `<dbn-dashboard>`.
 *
 * @module
 */
import {
  GUEST_TOKEN_ENDPOINT_ERRORS,
  GUEST_TOKEN_EXPIRES_IN_FIELD,
  GUEST_TOKEN_FIELD,
  type GuestTokenEndpointErrorWord,
  type GuestTokenEndpointResponse,
} from '@oemkit/schema';
import type { DataBrainApiVersion, DataBrainClient, GuestTokenInput } from '../databrain/databrain-client.js';
import type { HandlerOptions } from './handler-options.js';
import { createEndpointHandler, type EndpointSpec } from './endpoint-handler.js';

/**
 * Options for {@link createGuestTokenHandler}, checked when the handler is created. `onError`,
 * `logger` and `rateLimit` are {@link HandlerOptions}'.
 */
// NoInfer: the API version is the client's; the input and the rate-limit key follow it.
export interface GuestTokenHandlerOptions<V extends DataBrainApiVersion = DataBrainApiVersion> extends HandlerOptions<NoInfer<GuestTokenInput<V>>> {
  /**
   * The DataBrain client (anything with its `createGuestToken`). A client made with `apiVersion`
   * makes `authorize` return that version's input.
   */
  // The class itself first: its type argument is what TypeScript can infer `V` from.
  client: DataBrainClient<V> | Pick<DataBrainClient<V>, 'createGuestToken'>;
  /**
   * Says who is asking and what they may see, decided here on the server and never taken from the
   * request body: the guest-token input for the signed-in user (`clientId`, the data app, row-level
   * `rlsSettings`, `appFilters`, `expiryTime`...), `null` when nobody is signed in (401), or
   * `false` when the user is signed in but may not see analytics (403). Its
   * `params.userIdentifier` is the rate limit's key unless `rateLimit.key` says otherwise.
   */
  authorize: (request: Request) => NoInfer<GuestTokenInput<V>> | null | false | Promise<NoInfer<GuestTokenInput<V>> | null | false>;
}

type Client = Pick<DataBrainClient, 'createGuestToken'>;

const GUEST_TOKENS: EndpointSpec<GuestTokenInput, GuestTokenEndpointErrorWord> = {
  factory: 'createGuestTokenHandler options',
  label: 'guest-token endpoint',
  handler: 'guest_token',
  errors: GUEST_TOKEN_ENDPOINT_ERRORS,
  refused: 'token_unavailable',
  clientProblem: (client) =>
    typeof (client as { createGuestToken?: unknown } | null)?.createGuestToken === 'function'
      ? undefined
      : 'must be a DataBrainClient (anything with its createGuestToken method)',
  authorizeShape: 'the guest-token input for the signed-in user, null for nobody, or false for a user without access',
  defaultKey: (input) => (input as { params?: { userIdentifier?: unknown } }).params?.userIdentifier,
  // Without a user in the input, the default would count a whole tenant (`clientId`) as one user.
  unkeyedHint:
    'no per-user rate limit for a guest-token input without params.userIdentifier: set it, or pass rateLimit.key (rateLimit: false says no limit is wanted)',
  async mint(client, input, signal) {
    // The client's answer schema has already refused a token the page could not hand to DataBrain.
    const { token } = await (client as Client).createGuestToken(input, { signal });
    // The lifetime the token was minted with, so the page can renew it before DataBrain refuses it;
    // a token without one never expires, and the answer says nothing (as servers before the field did).
    const { expiryTime } = input as { expiryTime?: number };
    return (expiryTime === undefined ? { [GUEST_TOKEN_FIELD]: token } : { [GUEST_TOKEN_FIELD]: token, [GUEST_TOKEN_EXPIRES_IN_FIELD]: expiryTime }) satisfies GuestTokenEndpointResponse;
  },
  issuedEvent: 'oemkit.guest_token.issued',
};

/**
 * Creates a Web-standard `(Request) => Promise<Response>` for a POST endpoint that answers
 * `{ "token": "...", "expiresIn": 3600000 }`, a DataBrain guest token for the signed-in user and
 * its lifetime in milliseconds (the input's `expiryTime`; absent when there is none), with
 * `Cache-Control: no-store`: the page (`embedDataBrain` of `@oemkit/browser/databrain`) sets it as
 * the `token` attribute of `<dbn-dashboard>`, and asks again before it expires and when the
 * component reports `TOKEN_EXPIRED`. The input (tenant, row-level security,
 * app filters, lifetime) comes from `authorize` on the server, never from the page. It runs as a
 * Next.js route handler, in Hono, Bun, Deno and workers, and in Node through `toNodeHandler`.
 * Failures answer a stable word, never DataBrain's text or the API key; both shapes are
 * `guestTokenEndpointResponseSchema` and `guestTokenEndpointErrorBodySchema` of `@oemkit/schema`.
 * Each user gets at most `rateLimit` tokens (`DEFAULT_RATE_LIMIT`, 30 a minute, counted by
 * `params.userIdentifier` unless `rateLimit.key` says otherwise).
 *
 * | status | when |
 * | --- | --- |
 * | 200 | `{ token, expiresIn? }` |
 * | 401 | `authorize` returned `null` |
 * | 403 | `authorize` returned `false` (`forbidden`), or `cross_site_request`: a page of another site or subdomain not in `allowedOrigins`, before `authorize` |
 * | 405 | not a POST (`Allow: POST`) |
 * | 429 | the user is over `rateLimit`, or DataBrain kept rate limiting (`Retry-After` in seconds) |
 * | 503 | DataBrain timed out, was unreachable or answered 5xx |
 * | 502 | DataBrain refused otherwise (API key, data app, filters) or answered no usable token |
 * | 500 | `authorize` (or `rateLimit.key`) threw, or returned an invalid guest-token input |
 *
 * @throws `ValidationError` at once, naming each field, when `client` has no `createGuestToken`,
 *   `authorize` is not a function, or `onError`, `logger`, `rateLimit` or `allowedOrigins` is given
 *   but unusable.
 * @example
 * ```ts
 * // app/api/databrain-token/route.ts (Next.js)
 * import { DataBrainClient, createGuestTokenHandler } from '@oemkit/server';
 * const databrain = new DataBrainClient({ apiKey: process.env.DATABRAIN_API_KEY!, apiVersion: 'v2' });
 * export const POST = createGuestTokenHandler({
 *   client: databrain,
 *   authorize: async (request) => {
 *     const user = await currentUser(request);
 *     if (!user) return null;
 *     return {
 *       clientId: user.tenantId,
 *       dataAppName: 'Sales App',
 *       expiryTime: 3_600_000, // one hour, in milliseconds
 *       params: { userIdentifier: user.id, rlsSettings: [{ metricId: 'revenue', values: { tenant_id: user.tenantId } }] },
 *     };
 *   },
 * });
 * ```
 */
export function createGuestTokenHandler<V extends DataBrainApiVersion = DataBrainApiVersion>(
  options: GuestTokenHandlerOptions<V>,
): (request: Request) => Promise<Response> {
  return createEndpointHandler(GUEST_TOKENS, options as unknown as GuestTokenHandlerOptions);
}
