/**
 * The Astrato session setup, `POST /oem/setup`, which returns a single-use ticket.
 *
 * @module
 */
import * as z from 'zod/mini';
import { isTicketId, TICKET_ID_PROBLEM } from '../endpoints/ticket-endpoint.js';
import { filterParametersSchema } from '../filter-parameters/filter-parameters.js';

const groupList = (what: string) =>
  z.array(z.string().check(z.minLength(1, { error: `each of ${what} must be a non-empty string` })));

/**
 * The body of `POST /oem/setup`. Unknown keys are rejected so a typo such as `groupId` fails
 * before anything is sent instead of silently creating a user with no access.
 *
 * - `email` (required): the user; an unknown email creates a temporary user.
 * - `name`: the display name.
 * - `groupIds` / `groupNames`: temporary group membership. A new user with no group has no
 *   access. Astrato does not document whether both may be combined; oemkit sends what it is given.
 * - `applyPendingInvites`: seen only in Astrato's own Node example.
 * - `filterParameters`: row-level filter parameters, see {@link filterParameters}.
 *
 * @example
 * ```ts
 * import { setupRequestSchema } from '@oemkit/schema';
 * setupRequestSchema.parse({ email: 'ana@example.com', name: 'Ana', groupNames: ['OEM2'] });
 * ```
 */
export const setupRequestSchema = z.strictObject({
  email: z.email(),
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  groupIds: z.optional(groupList('groupIds')),
  groupNames: z.optional(groupList('groupNames')),
  applyPendingInvites: z.optional(z.boolean()),
  filterParameters: z.optional(filterParametersSchema),
});

/**
 * The setup request body, as sent on the wire.
 */
export type SetupRequest = z.infer<typeof setupRequestSchema>;

/**
 * The answer to `POST /oem/setup`: a ticket that lives 60 seconds and can be redeemed once. A
 * ticket that could change the redemption path (`/`, `?`, `#`, `\`, `..`) is refused here, by the
 * same rule as the ticket endpoint's answer, rather than handed to a page that cannot redeem it.
 *
 * @example
 * ```ts
 * import { setupResponseSchema } from '@oemkit/schema';
 * const { ticket } = setupResponseSchema.parse({ ticket: 'f0c1…' });
 * ```
 */
export const setupResponseSchema = z.looseObject({
  ticket: z.string().check(z.refine(isTicketId, { error: TICKET_ID_PROBLEM })),
});

/**
 * The setup response.
 *
 * @example
 * ```ts
 * import { setupResponseSchema, type SetupResponse } from '@oemkit/schema';
 * const answer = await fetch('https://app.astrato.io/oem/setup', { method: 'POST' });
 * const { ticket }: SetupResponse = setupResponseSchema.parse(await answer.json());
 * ```
 */
export type SetupResponse = z.infer<typeof setupResponseSchema>;
