/**
 * DataBrain guest tokens, `POST /api/{v1,v2}/guest-token/create`.
 *
 * @module
 */
import * as z from 'zod/mini';
import { GUEST_TOKEN_PROBLEM, isGuestToken } from '../endpoints/guest-token-endpoint.js';

const nonEmpty = (what: string) => z.string().check(z.minLength(1, { error: `${what} must not be empty` }));
const scalar = z.union([z.string(), z.number(), z.boolean()]);

/**
 * One DataBrain filter value: a string, number or boolean, a list of those, a date range
 * `{ startDate, endDate }` or a number range `{ min, max }`.
 *
 * @example
 * ```ts
 * import { dataBrainFilterValueSchema } from '@oemkit/schema';
 * dataBrainFilterValueSchema.parse({ startDate: '2026-01-01', endDate: '2026-12-31' });
 * ```
 */
export const dataBrainFilterValueSchema = z.union([
  scalar,
  z.array(scalar),
  z.strictObject({ startDate: z.string(), endDate: z.string() }),
  z.strictObject({ min: z.number(), max: z.number() }),
]);

/** Filter name to value, as DataBrain's `values` objects hold them. */
const filterValues = z.record(z.string(), dataBrainFilterValueSchema);

/**
 * `params` of a guest-token request: which dashboard, app filters per metric, dashboard app
 * filters, row-level security settings, filters to hide, the user and the timezone.
 *
 * @example
 * ```ts
 * import { dataBrainGuestTokenParamsSchema } from '@oemkit/schema';
 * dataBrainGuestTokenParamsSchema.parse({
 *   dashboard: { id: 'sales' },
 *   rlsSettings: [{ metricId: 'revenue', values: { tenant_id: 'acme' } }],
 * });
 * ```
 */
export const dataBrainGuestTokenParamsSchema = z.strictObject({
  dashboard: z.optional(z.strictObject({ id: nonEmpty('params.dashboard.id') })),
  appFilters: z.optional(z.array(z.strictObject({ metricId: nonEmpty('metricId'), values: filterValues }))),
  dashboardAppFilters: z.optional(
    z.array(
      z.strictObject({
        dashboardId: nonEmpty('dashboardId'),
        values: filterValues,
        isShowOnUrl: z.optional(z.boolean()),
      }),
    ),
  ),
  rlsSettings: z.optional(z.array(z.strictObject({ metricId: nonEmpty('metricId'), values: filterValues }))),
  hideDashboardFilters: z.optional(z.array(z.string())),
  userIdentifier: z.optional(nonEmpty('userIdentifier')),
  timezone: z.optional(nonEmpty('timezone')),
});

/**
 * The shortest `expiryTime` accepted, one minute. DataBrain reads it in milliseconds, so a lifetime
 * written in seconds (`3600` for an hour) would make a token that dies in 3.6 seconds; a token
 * shorter than a minute is never what was meant.
 */
const SHORTEST_EXPIRY = 60_000;

const common = {
  /** The tenant the token is for; `"None"` when the datasource has no tenancy. */
  clientId: nonEmpty('clientId'),
  params: z.optional(dataBrainGuestTokenParamsSchema),
  /** Token lifetime in milliseconds, at least 60000; omitted means the token never expires. */
  expiryTime: z.optional(
    z.int().check(
      z.gte(SHORTEST_EXPIRY, {
        error: `is in milliseconds and must be at least ${SHORTEST_EXPIRY} (one minute): for an hour pass 3_600_000, not 3600 (3.6 seconds)`,
      }),
    ),
  ),
  datasourceName: z.optional(nonEmpty('datasourceName')),
  permissions: z.optional(z.record(z.string(), z.boolean())),
};

/**
 * The v1 request body (DataBrain's v1 documentation): `clientId` and `workspaceName` are required. `expiryTime` is
 * the token's lifetime in milliseconds, from 60000 (one minute); omitted, the token never expires.
 *
 * @example
 * ```ts
 * import { dataBrainGuestTokenRequestV1Schema } from '@oemkit/schema';
 * dataBrainGuestTokenRequestV1Schema.parse({ clientId: 'acme', workspaceName: 'Sales' });
 * ```
 */
export const dataBrainGuestTokenRequestV1Schema = z.strictObject({ ...common, workspaceName: nonEmpty('workspaceName') });

/**
 * The v2 request body (current docs): `clientId` and `dataAppName` are required. `expiryTime` is
 * the token's lifetime in milliseconds, from 60000 (one minute); omitted, the token never expires.
 *
 * @example
 * ```ts
 * import { dataBrainGuestTokenRequestV2Schema } from '@oemkit/schema';
 * dataBrainGuestTokenRequestV2Schema.parse({ clientId: 'acme', dataAppName: 'Sales App', expiryTime: 3_600_000 });
 * ```
 */
export const dataBrainGuestTokenRequestV2Schema = z.strictObject({ ...common, dataAppName: nonEmpty('dataAppName') });

/**
 * A v1 guest-token request.
 *
 * @example
 * ```ts
 * import { dataBrainGuestTokenRequestV1Schema, type DataBrainGuestTokenRequestV1 } from '@oemkit/schema';
 * const body: DataBrainGuestTokenRequestV1 = dataBrainGuestTokenRequestV1Schema.parse({ clientId: 'acme', workspaceName: 'Sales' });
 * body.workspaceName; // 'Sales'
 * ```
 */
export type DataBrainGuestTokenRequestV1 = z.infer<typeof dataBrainGuestTokenRequestV1Schema>;

/**
 * A v2 guest-token request.
 *
 * @example
 * ```ts
 * import { dataBrainGuestTokenRequestV2Schema, type DataBrainGuestTokenRequestV2 } from '@oemkit/schema';
 * const body: DataBrainGuestTokenRequestV2 = dataBrainGuestTokenRequestV2Schema.parse({ clientId: 'acme', dataAppName: 'Sales App' });
 * body.dataAppName; // 'Sales App'
 * ```
 */
export type DataBrainGuestTokenRequestV2 = z.infer<typeof dataBrainGuestTokenRequestV2Schema>;

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
 * const answer = await fetch('https://api.usedatabrain.com/api/v2/guest-token/create', { method: 'POST' });
 * const { token }: DataBrainGuestTokenResponse = dataBrainGuestTokenResponseSchema.parse(await answer.json());
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
 * import { ApiError } from '@oemkit/schema/errors';
 * try {
 *   await databrain.createGuestToken({ clientId: 'acme', dataAppName: 'Sales App' });
 * } catch (error) {
 *   if (error instanceof ApiError && DATABRAIN_ERROR_CODES.includes(error.vendorCode as never)) console.log('documented', error.vendorCode);
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
 * import { DATABRAIN_ERROR_CODES, type DataBrainErrorCode } from '@oemkit/schema';
 * const isDocumented = (code: string): code is DataBrainErrorCode => (DATABRAIN_ERROR_CODES as readonly string[]).includes(code);
 * isDocumented('CLIENT_ID_ERROR'); // true
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
 * parsed.success; // true
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
