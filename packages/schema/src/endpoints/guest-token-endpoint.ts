/**
 * The guest-token endpoint, oemkit's DataBrain twin of the ticket endpoint: the host's
 * backend answers a POST with `{ "token": "...", "expiresIn": 3600000 }` (the lifetime only when
 * the token has one) or `{ "error": "<word>" }`, and the page hands the token to DataBrain's
 * `<dbn-dashboard>`. `createGuestTokenHandler` writes it, `guestTokenEndpointResponseSchema`
 * states it for zod, and {@link readGuestTokenAnswer} reads it without zod; all three take the
 * fields, the words and the rules from here.
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
 * The optional field of the guest-token endpoint's answer that holds the token's lifetime in
 * milliseconds from when it was minted: the `expiryTime` the server asked DataBrain for. It is
 * relative, not a date, so a page whose clock is wrong still renews in time. An answer without it
 * (a token that never expires, or a server older than the field) means the page renews only when
 * DataBrain reports `TOKEN_EXPIRED`; a page older than the field ignores it.
 *
 * @example
 * ```ts
 * import { GUEST_TOKEN_EXPIRES_IN_FIELD, GUEST_TOKEN_FIELD } from '@oemkit/schema';
 * // A hand-written endpoint answering as createGuestTokenHandler does.
 * const answer = (token: string, expiryTime?: number) => Response.json({ [GUEST_TOKEN_FIELD]: token, [GUEST_TOKEN_EXPIRES_IN_FIELD]: expiryTime });
 * GUEST_TOKEN_EXPIRES_IN_FIELD; // 'expiresIn'
 * ```
 */
export const GUEST_TOKEN_EXPIRES_IN_FIELD = 'expiresIn';

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
 * Tells whether a value can be a guest token's lifetime in the endpoint's answer: a whole number
 * of milliseconds, at least 1.
 *
 * @example
 * ```ts
 * import { isGuestTokenLifetime } from '@oemkit/schema';
 * isGuestTokenLifetime(3_600_000); // true
 * isGuestTokenLifetime('3600000'); // false
 * ```
 */
export function isGuestTokenLifetime(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

/** @internal What {@link isGuestTokenLifetime} refuses, as every message about it says it. */
export const GUEST_TOKEN_LIFETIME_PROBLEM = 'must be the token lifetime in milliseconds: a whole number from 1';

/**
 * A guest-token endpoint's answer as the page reads it: the token, and its lifetime in
 * milliseconds when the server sent one.
 *
 * @example
 * ```ts
 * import { readGuestTokenAnswer, type GuestTokenAnswer } from '@oemkit/schema';
 * const answer: GuestTokenAnswer | undefined = readGuestTokenAnswer({ token: '3f2a9c4e-0b1d-4c8e-9a7f-2d6b5e1c0a93', expiresIn: 3_600_000 });
 * answer?.expiresIn; // 3600000
 * ```
 */
export interface GuestTokenAnswer {
  token: string;
  /** Milliseconds the token lives from when it was minted; absent when it never expires or the server does not say. */
  expiresIn?: number;
}

/**
 * Reads the token and its lifetime from a parsed guest-token endpoint answer, or gives `undefined`
 * when the answer is not one (no usable token, or an `expiresIn` that is not a lifetime). Zod-free,
 * for the page; it accepts exactly what `guestTokenEndpointResponseSchema` does.
 *
 * @example
 * ```ts
 * import { readGuestTokenAnswer } from '@oemkit/schema';
 * const answer = readGuestTokenAnswer(await (await fetch('/api/databrain-token', { method: 'POST' })).json());
 * if (answer === undefined) throw new Error('not a guest-token endpoint answer');
 * // Renew a minute before it expires (embedDataBrain does this for you).
 * if (answer.expiresIn !== undefined) setTimeout(() => location.reload(), answer.expiresIn - 60_000);
 * ```
 */
export function readGuestTokenAnswer(body: unknown): GuestTokenAnswer | undefined {
  const token = readGuestToken(body);
  const expiresIn = (body as Record<string, unknown> | null | undefined)?.[GUEST_TOKEN_EXPIRES_IN_FIELD];
  if (token === undefined || (expiresIn !== undefined && !isGuestTokenLifetime(expiresIn))) return undefined;
  return expiresIn === undefined ? { token } : { token, expiresIn };
}

/**
 * Reads the guest token from a parsed guest-token endpoint answer, or gives `undefined` when the
 * answer holds no usable token. Zod-free, for the page. It ignores every other field, the lifetime
 * included: {@link readGuestTokenAnswer} reads both.
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
