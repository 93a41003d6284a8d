/**
 * The body of a DataBrain guest-token request, `POST /api/{v1,v2}/guest-token/create`:
 * the fields DataBrain's API reference documents are checked, any other key passes through
 * (see `open-object.ts` for the rule and its one exception, prototype keys).
 *
 * @module
 */
import * as z from 'zod/mini';
import { openObject, refusingPrototypeKeys } from './open-object.js';

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
const metricFilter = openObject({ metricId: nonEmpty('metricId'), values: filterValues });

/**
 * `params` of a guest-token request: which dashboard, app filters per metric, dashboard app
 * filters, row-level security settings, filters to hide, the user, the timezone and the embeds
 * the token may open (`allowedEmbeds`). Keys not listed here pass through unchanged.
 *
 * @example
 * ```ts
 * import { dataBrainGuestTokenParamsSchema } from '@oemkit/schema';
 * dataBrainGuestTokenParamsSchema.parse({
 *   dashboard: { id: 'sales' },
 *   rlsSettings: [{ metricId: 'revenue', values: { tenant_id: 'acme' } }],
 *   allowedEmbeds: ['embed-sales'],
 * });
 * ```
 */
export const dataBrainGuestTokenParamsSchema = openObject({
  dashboard: z.optional(openObject({ id: nonEmpty('params.dashboard.id') })),
  appFilters: z.optional(z.array(metricFilter)),
  dashboardAppFilters: z.optional(
    z.array(openObject({ dashboardId: nonEmpty('dashboardId'), values: filterValues, isShowOnUrl: z.optional(z.boolean()) })),
  ),
  rlsSettings: z.optional(z.array(metricFilter)),
  hideDashboardFilters: z.optional(z.array(z.string())),
  userIdentifier: z.optional(nonEmpty('userIdentifier')),
  timezone: z.optional(nonEmpty('timezone')),
  /** DataBrain's API reference: "optional allowlist of specific embed IDs". */
  allowedEmbeds: z.optional(z.array(nonEmpty('each of allowedEmbeds'))),
});

const common = {
  /** The tenant the token is for; `"None"` when the datasource has no tenancy. */
  clientId: nonEmpty('clientId'),
  params: z.optional(dataBrainGuestTokenParamsSchema),
  /** Token lifetime in milliseconds, a positive whole number (DataBrain documents no minimum); omitted means the token never expires. */
  expiryTime: z.optional(z.int().check(z.positive({ error: 'must be a positive whole number of milliseconds' }))),
  datasourceName: z.optional(nonEmpty('datasourceName')),
  permissions: z.optional(z.record(z.string(), z.boolean())),
};

/**
 * The v1 request body (DataBrain's v1 documentation): `clientId` and `workspaceName` are
 * required. `expiryTime` is the token's lifetime in milliseconds; omitted, the token never
 * expires. Unknown keys pass through; prototype keys are refused at any depth.
 *
 * @example
 * ```ts
 * import { dataBrainGuestTokenRequestV1Schema } from '@oemkit/schema';
 * dataBrainGuestTokenRequestV1Schema.parse({ clientId: 'acme', workspaceName: 'Sales' });
 * ```
 */
export const dataBrainGuestTokenRequestV1Schema = refusingPrototypeKeys(openObject({ ...common, workspaceName: nonEmpty('workspaceName') }));

/**
 * The v2 request body (current docs): `clientId` and `dataAppName` are required. `expiryTime` is
 * the token's lifetime in milliseconds; omitted, the token never expires. Unknown keys pass
 * through; prototype keys are refused at any depth.
 *
 * @example
 * ```ts
 * import { dataBrainGuestTokenRequestV2Schema } from '@oemkit/schema';
 * dataBrainGuestTokenRequestV2Schema.parse({ clientId: 'acme', dataAppName: 'Sales App', expiryTime: 3_600_000, params: { allowedEmbeds: ['embed-sales'] } });
 * ```
 */
export const dataBrainGuestTokenRequestV2Schema = refusingPrototypeKeys(openObject({ ...common, dataAppName: nonEmpty('dataAppName') }));

/**
 * A v1 guest-token request.
 *
 * @example
 * ```ts
 * import { dataBrainGuestTokenRequestV1Schema, type DataBrainGuestTokenRequestV1 } from '@oemkit/schema';
 * // A stand-in for DataBrain in your own tests reads the body as DataBrain does.
 * const read = (json: unknown): DataBrainGuestTokenRequestV1 => dataBrainGuestTokenRequestV1Schema.parse(json);
 * read({ clientId: 'acme', workspaceName: 'Sales' }).workspaceName; // 'Sales'
 * ```
 */
export type DataBrainGuestTokenRequestV1 = z.infer<typeof dataBrainGuestTokenRequestV1Schema>;

/**
 * A v2 guest-token request.
 *
 * @example
 * ```ts
 * import { dataBrainGuestTokenRequestV2Schema, type DataBrainGuestTokenRequestV2 } from '@oemkit/schema';
 * // Keys DataBrain adds later pass through; documented ones are checked.
 * const read = (json: unknown): DataBrainGuestTokenRequestV2 => dataBrainGuestTokenRequestV2Schema.parse(json);
 * read({ clientId: 'acme', dataAppName: 'Sales App', params: { allowedEmbeds: ['e1'] } }).params?.allowedEmbeds; // ['e1']
 * ```
 */
export type DataBrainGuestTokenRequestV2 = z.infer<typeof dataBrainGuestTokenRequestV2Schema>;
