/**
 * The ticket endpoint's answer as zod schemas, for servers that write it by hand and for
 * tests. The field, the words and the ticket rule come from `./core/ticket-endpoint.ts`, which the
 * page reads with instead of zod.
 *
 * @module
 */
import * as z from 'zod/mini';
import { isTicketId, TICKET_ENDPOINT_ERRORS, TICKET_ID_FIELD, TICKET_ID_PROBLEM } from './ticket-endpoint.js';

/**
 * The ticket endpoint's 200 answer: `{ "ticketId": "..." }`, a ticket id as {@link isTicketId}
 * accepts it. Unknown extra fields are allowed and ignored, as `readTicketId` ignores them.
 *
 * @example
 * ```ts
 * import { ticketEndpointResponseSchema } from '@oemkit/schema';
 * const { ticketId } = ticketEndpointResponseSchema.parse(await response.json());
 * ```
 */
export const ticketEndpointResponseSchema = z.object({
  [TICKET_ID_FIELD]: z.string().check(z.refine(isTicketId, { error: TICKET_ID_PROBLEM })),
});

/**
 * The ticket endpoint's 200 answer.
 *
 * @example
 * ```ts
 * import type { TicketEndpointResponse } from '@oemkit/schema';
 * const body: TicketEndpointResponse = { ticketId: 'f0c1a2' };
 * ```
 */
export type TicketEndpointResponse = z.infer<typeof ticketEndpointResponseSchema>;

/**
 * The ticket endpoint's failure answer: `{ "error": word }` with a word of `TICKET_ENDPOINT_ERRORS`.
 *
 * @example
 * ```ts
 * import { ticketEndpointErrorBodySchema } from '@oemkit/schema';
 * const parsed = ticketEndpointErrorBodySchema.safeParse(await response.json());
 * if (parsed.success && parsed.data.error === 'unauthorized') redirectToSignIn();
 * ```
 */
export const ticketEndpointErrorBodySchema = z.object({
  error: z.enum(Object.keys(TICKET_ENDPOINT_ERRORS) as [keyof typeof TICKET_ENDPOINT_ERRORS, ...(keyof typeof TICKET_ENDPOINT_ERRORS)[]]),
});

/**
 * The ticket endpoint's failure answer.
 *
 * @example
 * ```ts
 * import type { TicketEndpointErrorBody } from '@oemkit/schema';
 * const body: TicketEndpointErrorBody = { error: 'ticket_unavailable' };
 * ```
 */
export type TicketEndpointErrorBody = z.infer<typeof ticketEndpointErrorBodySchema>;
