/**
 * The guest-token endpoint, oemkit's DataBrain twin of the ticket endpoint: the host's
 * backend answers a POST with `{ "token": "..." }` or `{ "error": "<word>" }`, and the page hands
 * the token to DataBrain's `<dbn-dashboard>`. `createGuestTokenHandler` writes it,
 * `guestTokenEndpointResponseSchema` states it for zod, and {@link readGuestToken} reads it without
 * zod; all three take the field, the words and the token rule from here.
 *
 * @module
 */
import { isHeaderCredential } from '../internal/header-credential.js';

/**
 * The field of the guest-token endpoint's answer that holds the DataBrain guest token.
 *
 * @example
 * ```ts
 * import { GUEST_TOKEN_FIELD } from '@oemkit/schema';
 * export async function POST(): Promise<Response> {
 *   const { token } = await databrain.createGuestToken({ clientId: userId, dataAppName: 'Sales App' });
 *   return Response.json({ [GUEST_TOKEN_FIELD]: token }); // { "token": "3f2a…" }
 * }
 * ```
 */
export const GUEST_TOKEN_FIELD = 'token';

/**
 * Every error word the guest-token endpoint answers, with its status. Nothing from DataBrain ever
 * leaves the endpoint: only one of these, as `{ "error": word }`.
 *
 * | word | status | when |
 * | --- | --- | --- |
 * | `unauthorized` | 401 | nobody is signed in |
 * | `forbidden` | 403 | the signed-in user may not see analytics |
 * | `cross_site_request` | 403 | the request came from a page on another site (`allowedOrigins`), refused before `authorize` |
 * | `method_not_allowed` | 405 | not a POST |
 * | `rate_limited` | 429 | this user asked too often, or DataBrain kept rate limiting |
 * | `internal_error` | 500 | the endpoint's own code failed |
 * | `token_unavailable` | 502 | DataBrain refused (API key, names, a bad answer) |
 * | `upstream_unavailable` | 503 | DataBrain timed out, was unreachable or answered 5xx |
 *
 * @example
 * ```ts
 * import { GUEST_TOKEN_ENDPOINT_ERRORS } from '@oemkit/schema';
 * export function refuse(): Response {
 *   return Response.json({ error: 'forbidden' }, { status: GUEST_TOKEN_ENDPOINT_ERRORS.forbidden });
 * }
 * GUEST_TOKEN_ENDPOINT_ERRORS.forbidden; // 403
 * ```
 */
export const GUEST_TOKEN_ENDPOINT_ERRORS = {
  unauthorized: 401,
  forbidden: 403,
  cross_site_request: 403,
  method_not_allowed: 405,
  rate_limited: 429,
  internal_error: 500,
  token_unavailable: 502,
  upstream_unavailable: 503,
} as const;

/**
 * One error word of the guest-token endpoint; see {@link GUEST_TOKEN_ENDPOINT_ERRORS}.
 *
 * @example
 * ```ts
 * import { guestTokenEndpointErrorBodySchema, type GuestTokenEndpointErrorWord } from '@oemkit/schema';
 * const answer = await fetch('/api/databrain-token', { method: 'POST' });
 * const parsed = guestTokenEndpointErrorBodySchema.safeParse(await answer.json());
 * const word: GuestTokenEndpointErrorWord | undefined = parsed.success ? parsed.data.error : undefined;
 * if (word === 'unauthorized') location.assign('/sign-in');
 * ```
 */
export type GuestTokenEndpointErrorWord = keyof typeof GUEST_TOKEN_ENDPOINT_ERRORS;

/**
 * Tells whether a value can be a DataBrain guest token: 1 to 4096 printable ASCII characters
 * without spaces. DataBrain's are UUIDs; the endpoint answers nothing else and the page passes
 * nothing else to `<dbn-dashboard>`.
 *
 * @example
 * ```ts
 * import { isGuestToken } from '@oemkit/schema';
 * isGuestToken('3f2a9c4e-0b1d-4c8e-9a7f-2d6b5e1c0a93'); // true
 * isGuestToken('two words'); // false
 * ```
 */
export function isGuestToken(value: unknown): value is string {
  // DataBrain's tokens are UUIDs; the rule is looser so a future format still passes, but it keeps
  // out what can never be one: a token travels back to DataBrain as a credential in a header.
  return isHeaderCredential(value);
}

/** @internal What {@link isGuestToken} refuses, as every message about a guest token says it. */
export const GUEST_TOKEN_PROBLEM = 'must be a guest token: 1 to 4096 printable ASCII characters without spaces';

/**
 * Reads the guest token from a parsed guest-token endpoint answer, or gives `undefined` when the
 * answer is not one. Zod-free, for the page; it accepts exactly what
 * `guestTokenEndpointResponseSchema` does.
 *
 * @example
 * ```ts
 * import { readGuestToken } from '@oemkit/schema';
 * const token = readGuestToken(await (await fetch('/api/databrain-token', { method: 'POST' })).json());
 * if (token === undefined) throw new Error('not a guest-token endpoint answer');
 * document.querySelector('dbn-dashboard')?.setAttribute('token', token);
 * ```
 */
export function readGuestToken(body: unknown): string | undefined {
  // A property of null or undefined is undefined here; of any other JSON value, what JSON holds.
  const value = (body as Record<string, unknown> | null | undefined)?.[GUEST_TOKEN_FIELD];
  return isGuestToken(value) ? value : undefined;
}
