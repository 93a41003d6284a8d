/**
 * DataBrain guest-token answers and error bodies, `POST /api/{v1,v2}/guest-token/create`.
 *
 * @module
 */
import * as z from 'zod/mini';
import { GUEST_TOKEN_PROBLEM, isGuestToken } from '../endpoints/guest-token-endpoint.js';

/**
 * The answer to a guest-token request. DataBrain's documentation shows `{ token }`; one public example
 * of the v2 API shows `{ success, guestToken }`. Either is accepted; the token is an opaque UUID,
 * and the one the answer holds (`token`, else `guestToken`) must pass {@link isGuestToken}, the same
 * rule as the guest-token endpoint's answer, rather than be handed to a page that cannot use it.
 *
 * @example
 * ```ts
 * import { dataBrainGuestTokenResponseSchema } from '@oemkit/schema';
 * const body = dataBrainGuestTokenResponseSchema.parse({ token: '3f2a9c4e-0b1d-4c8e-9a7f-2d6b5e1c0a93' });
 * ```
 */
export const dataBrainGuestTokenResponseSchema = z
  .looseObject({ token: z.optional(z.string()), guestToken: z.optional(z.string()) })
  .check(
    z.refine((body) => Boolean(body.token || body.guestToken), {
      error: 'the body has neither "token" nor "guestToken"',
    }),
    // Only the token the answer yields is checked, under the name it came by: an empty `token`
    // beside a good `guestToken` is DataBrain's other spelling, not a bad token.
    z.superRefine((body, context) => {
      const field = body.token ? 'token' : 'guestToken';
      const token = body[field];
      if (token && !isGuestToken(token)) context.addIssue({ code: 'custom', path: [field], message: GUEST_TOKEN_PROBLEM });
    }),
  );

/**
 * The guest-token response.
 *
 * @example
 * ```ts
 * import { dataBrainGuestTokenResponseSchema, type DataBrainGuestTokenResponse } from '@oemkit/schema';
 * const answer: DataBrainGuestTokenResponse = dataBrainGuestTokenResponseSchema.parse({ token: '3f2a9c4e-0b1d-4c8e-9a7f-2d6b5e1c0a93' });
 * answer.token; // '3f2a9c4e-0b1d-4c8e-9a7f-2d6b5e1c0a93'
 * ```
 */
export type DataBrainGuestTokenResponse = z.infer<typeof dataBrainGuestTokenResponseSchema>;

/**
 * The error codes DataBrain documents. One example spells the 401 code `AUTHENTICATION_ERR`, so
 * unknown codes are kept as given rather than rejected.
 *
 * @example
 * ```ts
 * import { DATABRAIN_ERROR_CODES } from '@oemkit/schema';
 * import { ApiError } from '@oemkit/server';
 * function isDocumented(error: unknown) {
 *   return error instanceof ApiError && (DATABRAIN_ERROR_CODES as readonly string[]).includes(error.vendorCode ?? '');
 * }
 * ```
 */
export const DATABRAIN_ERROR_CODES = [
  'AUTHENTICATION_ERROR',
  'INVALID_REQUEST_BODY',
  'CLIENT_ID_ERROR',
  'WORKSPACE_ID_ERROR',
  'DASHBOARD_PARAM_ERROR',
  'APP_FILTER_PARAM_ERROR',
  'RLS_SETTINGS_PARAM_ERROR',
  'INTERNAL_SERVER_ERROR',
] as const;

/**
 * A documented DataBrain error code.
 *
 * @example
 * ```ts
 * import type { DataBrainErrorCode } from '@oemkit/schema';
 * // Exhaustive over the documented codes: a new one fails to compile until it has its hint.
 * function hint(code: DataBrainErrorCode): string {
 *   switch (code) {
 *     case 'AUTHENTICATION_ERROR': return 'check DATABRAIN_API_KEY';
 *     case 'CLIENT_ID_ERROR': return 'send the clientId of an end customer';
 *     default: return 'see the DataBrain API reference';
 *   }
 * }
 * hint('CLIENT_ID_ERROR'); // 'send the clientId of an end customer'
 * ```
 */
export type DataBrainErrorCode = (typeof DATABRAIN_ERROR_CODES)[number];

/**
 * DataBrain's error body, `{ error: { message, code } }`, read leniently.
 *
 * @example
 * ```ts
 * import { dataBrainErrorBodySchema } from '@oemkit/schema';
 * const parsed = dataBrainErrorBodySchema.safeParse({ error: { code: 'CLIENT_ID_ERROR', message: 'clientId is required' } });
 * ```
 */
export const dataBrainErrorBodySchema = z.looseObject({
  error: z.looseObject({ message: z.optional(z.string()), code: z.optional(z.string()) }),
});

/**
 * DataBrain's error body.
 *
 * @example
 * ```ts
 * import { dataBrainErrorBodySchema, type DataBrainErrorBody } from '@oemkit/schema';
 * const body: DataBrainErrorBody = dataBrainErrorBodySchema.parse({ error: { code: 'INVALID_REQUEST_BODY', message: 'workspaceName is required' } });
 * body.error.code; // 'INVALID_REQUEST_BODY'
 * ```
 */
export type DataBrainErrorBody = z.infer<typeof dataBrainErrorBodySchema>;
