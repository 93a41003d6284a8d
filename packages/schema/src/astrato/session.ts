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
 * const redemption = await fetch(`https://app.astrato.io/auth/proxy/oem/ticket/${ticketId}`, { credentials: 'include' });
 * const user = redeemedUserSchema.parse(await redemption.json());
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
 * import { redeemTicket } from '@oemkit/browser';
 * import type { RedeemedUser } from '@oemkit/schema';
 * const user: RedeemedUser = await redeemTicket(ticketId);
 * console.log(`${user.email} is in ${user.groupIds?.length ?? 0} groups`);
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
 * const answer = await fetch('https://app.astrato.io/auth/proxy/m2m/token', { method: 'POST' });
 * const body = astratoErrorBodySchema.safeParse(await answer.json());
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
 * import { astratoErrorBodySchema, type AstratoErrorBody } from '@oemkit/schema';
 * function vendorSaid(json: unknown): AstratoErrorBody | undefined {
 *   const parsed = astratoErrorBodySchema.safeParse(json);
 *   return parsed.success ? parsed.data : undefined;
 * }
 * vendorSaid({ message: 'Invalid token', code: 'UNAUTHORIZED' })?.code; // 'UNAUTHORIZED'
 * ```
 */
export type AstratoErrorBody = z.infer<typeof astratoErrorBodySchema>;
