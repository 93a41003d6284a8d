/**
 * The guest-token endpoint's answer as zod schemas, for servers that write it by hand and
 * for tests. The field, the words and the token rule come from `./core/guest-token-endpoint.ts`,
 * which a page reads with instead of zod.
 *
 * @module
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
 * const answer = await fetch('/api/databrain-token', { method: 'POST' });
 * const { token } = guestTokenEndpointResponseSchema.parse(await answer.json());
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
 * export async function POST(): Promise<Response> {
 *   const { token } = await databrain.createGuestToken({ clientId: userId, dataAppName: 'Sales App' });
 *   const body: GuestTokenEndpointResponse = { token, expiresIn: 3_600_000 }; // the expiryTime asked for
 *   return Response.json(body);
 * }
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
 * const answer = await fetch('/api/databrain-token', { method: 'POST' });
 * const parsed = guestTokenEndpointErrorBodySchema.safeParse(await answer.json());
 * if (parsed.success && parsed.data.error === 'unauthorized') location.assign('/sign-in');
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
 * import { GUEST_TOKEN_ENDPOINT_ERRORS, type GuestTokenEndpointErrorBody } from '@oemkit/schema';
 * export function unavailable(): Response {
 *   const body: GuestTokenEndpointErrorBody = { error: 'token_unavailable' };
 *   return Response.json(body, { status: GUEST_TOKEN_ENDPOINT_ERRORS[body.error] }); // 502
 * }
 * ```
 */
export type GuestTokenEndpointErrorBody = z.infer<typeof guestTokenEndpointErrorBodySchema>;
