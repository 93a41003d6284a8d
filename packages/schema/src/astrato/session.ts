/**
 * What Astrato returns around the browser session: the redeemed user and error bodies.
 *
 * @module
 */
import * as z from 'zod/mini';

/**
 * The user Astrato returns when a ticket is redeemed (`GET /auth/proxy/oem/ticket/<ticket>?embed`).
 * Its exact shape is not documented beyond "the resolved user with the groupIds requested on
 * setup", so every field is optional and unknown fields are kept.
 *
 * @example
 * ```ts
 * import { redeemedUserSchema } from '@oemkit/schema';
 * const user = redeemedUserSchema.parse(await response.json());
 * console.log(user.email, user.groupIds);
 * ```
 */
export const redeemedUserSchema = z.looseObject({
  id: z.optional(z.string()),
  email: z.optional(z.string()),
  name: z.optional(z.string()),
  groupIds: z.optional(z.array(z.string())),
});

/**
 * The redeemed user.
 *
 * @example
 * ```ts
 * import type { RedeemedUser } from '@oemkit/schema';
 * const user: RedeemedUser = { email: 'ana@example.com', groupIds: ['6f1c…'] };
 * ```
 */
export type RedeemedUser = z.infer<typeof redeemedUserSchema>;

/**
 * An Astrato error body. Astrato's own Node example reads `message`, `code` and `correlationId`;
 * none is guaranteed, so all are optional.
 *
 * @example
 * ```ts
 * import { astratoErrorBodySchema } from '@oemkit/schema';
 * const body = astratoErrorBodySchema.safeParse(await response.json());
 * if (body.success) console.log(body.data.correlationId);
 * ```
 */
export const astratoErrorBodySchema = z.looseObject({
  message: z.optional(z.string()),
  code: z.optional(z.union([z.string(), z.number()])),
  correlationId: z.optional(z.string()),
});

/**
 * An Astrato error body.
 *
 * @example
 * ```ts
 * import type { AstratoErrorBody } from '@oemkit/schema';
 * const body: AstratoErrorBody = { message: 'Invalid token', code: 'UNAUTHORIZED', correlationId: 'c-1' };
 * ```
 */
export type AstratoErrorBody = z.infer<typeof astratoErrorBodySchema>;
