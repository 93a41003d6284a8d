/**
 * @module The guest-token endpoint's answer as zod schemas, for servers that write it by hand and
 * for tests. The field, the words and the token rule come from `./core/guest-token-endpoint.ts`,
 * which a page reads with instead of zod.
 */
import * as z from 'zod/mini';
import {
  GUEST_TOKEN_ENDPOINT_ERRORS,
  GUEST_TOKEN_EXPIRES_IN_FIELD,
  GUEST_TOKEN_FIELD,
  GUEST_TOKEN_LIFETIME_PROBLEM,
  GUEST_TOKEN_PROBLEM,
  isGuestToken,
  isGuestTokenLifetime,
} from './guest-token-endpoint.js';

/**
 * The guest-token endpoint's 200 answer: `{ "token": "..." }`, a token as {@link isGuestToken}
 * accepts it, with `expiresIn` (its lifetime in milliseconds, {@link isGuestTokenLifetime}) when the
 * token has one. Unknown extra fields are allowed and ignored, as `readGuestTokenAnswer` ignores them.
 *
 * @example
 * ```ts
 * import { guestTokenEndpointResponseSchema } from '@oemkit/schema';
 * const { token } = guestTokenEndpointResponseSchema.parse(await response.json());
 * ```
 */
export const guestTokenEndpointResponseSchema = z.object({
  [GUEST_TOKEN_FIELD]: z.string().check(z.refine(isGuestToken, { error: GUEST_TOKEN_PROBLEM })),
  [GUEST_TOKEN_EXPIRES_IN_FIELD]: z.optional(z.number().check(z.refine(isGuestTokenLifetime, { error: GUEST_TOKEN_LIFETIME_PROBLEM }))),
});

/**
 * The guest-token endpoint's 200 answer.
 *
 * @example
 * ```ts
 * import type { GuestTokenEndpointResponse } from '@oemkit/schema';
 * const body: GuestTokenEndpointResponse = { token: '3f2a9c4e-0b1d-4c8e-9a7f-2d6b5e1c0a93', expiresIn: 3_600_000 };
 * ```
 */
export type GuestTokenEndpointResponse = z.infer<typeof guestTokenEndpointResponseSchema>;

/**
 * The guest-token endpoint's failure answer: `{ "error": word }` with a word of
 * `GUEST_TOKEN_ENDPOINT_ERRORS`.
 *
 * @example
 * ```ts
 * import { guestTokenEndpointErrorBodySchema } from '@oemkit/schema';
 * const parsed = guestTokenEndpointErrorBodySchema.safeParse(await response.json());
 * if (parsed.success && parsed.data.error === 'unauthorized') redirectToSignIn();
 * ```
 */
export const guestTokenEndpointErrorBodySchema = z.object({
  error: z.enum(
    Object.keys(GUEST_TOKEN_ENDPOINT_ERRORS) as [keyof typeof GUEST_TOKEN_ENDPOINT_ERRORS, ...(keyof typeof GUEST_TOKEN_ENDPOINT_ERRORS)[]],
  ),
});

/**
 * The guest-token endpoint's failure answer.
 *
 * @example
 * ```ts
 * import type { GuestTokenEndpointErrorBody } from '@oemkit/schema';
 * const body: GuestTokenEndpointErrorBody = { error: 'token_unavailable' };
 * ```
 */
export type GuestTokenEndpointErrorBody = z.infer<typeof guestTokenEndpointErrorBodySchema>;
