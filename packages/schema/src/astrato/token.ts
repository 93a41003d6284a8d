/**
 * The Astrato machine-to-machine token exchange, `POST /auth/proxy/m2m/token`.
 *
 * @module
 */
import * as z from 'zod/mini';

const nonEmpty = (what: string) => z.string().check(z.minLength(1, { error: `${what} must not be empty` }));

/**
 * The body of `POST /auth/proxy/m2m/token`: the OEM Management API credentials from Astrato's
 * System Settings.
 *
 * @example
 * ```ts
 * import { m2mTokenRequestSchema } from '@oemkit/schema';
 * m2mTokenRequestSchema.parse({ clientId: process.env.ASTRATO_CLIENT_ID, clientSecret: process.env.ASTRATO_CLIENT_SECRET });
 * ```
 */
export const m2mTokenRequestSchema = z.strictObject({
  clientId: nonEmpty('clientId'),
  clientSecret: nonEmpty('clientSecret'),
});

/**
 * The m2m token request body.
 *
 * @example
 * ```ts
 * import { m2mTokenRequestSchema, type M2mTokenRequest } from '@oemkit/schema';
 * const body: M2mTokenRequest = m2mTokenRequestSchema.parse({ clientId, clientSecret });
 * m2mTokenRequestSchema.safeParse({ clientId: 'id', clientSecret: '' }).success; // false
 * ```
 */
export type M2mTokenRequest = z.infer<typeof m2mTokenRequestSchema>;

/**
 * The answer to the m2m token request. `expires_in` is read leniently: Astrato's documentation shows an absolute
 * epoch time in milliseconds (`1699891513107`), OAuth would send relative seconds, and some
 * proxies turn numbers into strings. The token must be printable ASCII that fits in a header.
 * Unknown extra fields are kept.
 *
 * @example
 * ```ts
 * import { m2mTokenResponseSchema } from '@oemkit/schema';
 * const answer = await fetch('https://app.astrato.io/auth/proxy/m2m/token', {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json' },
 *   body: JSON.stringify({ clientId, clientSecret }),
 * });
 * const { access_token, expires_in } = m2mTokenResponseSchema.parse(await answer.json());
 * ```
 */
export const m2mTokenResponseSchema = z.looseObject({
  // The token goes back in an Authorization header: a value a header cannot carry (a line break,
  // a NUL, a space) would fail on every setup, and the runtime's error would quote it.
  access_token: nonEmpty('access_token').check(
    z.maxLength(16_384, { error: 'access_token is longer than 16384 characters' }),
    z.regex(/^[\x21-\x7e]+$/, { error: 'access_token must be printable ASCII without spaces, so that it can be sent in a header' }),
  ),
  expires_in: z.optional(z.union([z.number(), z.string().check(z.regex(/^\d+(\.\d+)?$/))])),
});

/**
 * The m2m token response.
 *
 * @example
 * ```ts
 * import { m2mTokenResponseSchema, type M2mTokenResponse } from '@oemkit/schema';
 * const token: M2mTokenResponse = m2mTokenResponseSchema.parse({ access_token: 'eyJhbGciOi', expires_in: 1699891513107 });
 * token.expires_in; // 1699891513107
 * ```
 */
export type M2mTokenResponse = z.infer<typeof m2mTokenResponseSchema>;
