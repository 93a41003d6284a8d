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
 * const answer = await fetch('/api/astrato-ticket', { method: 'POST' });
 * const { ticketId } = ticketEndpointResponseSchema.parse(await answer.json());
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
 * export async function POST(): Promise<Response> {
 *   const { ticket } = await astrato.setup({ email: 'ana@example.com', groupNames: ['Viewers'] });
 *   const body: TicketEndpointResponse = { ticketId: ticket };
 *   return Response.json(body);
 * }
 * ```
 */
export type TicketEndpointResponse = z.infer<typeof ticketEndpointResponseSchema>;

/**
 * The ticket endpoint's failure answer: `{ "error": word }` with a word of `TICKET_ENDPOINT_ERRORS`.
 *
 * @example
 * ```ts
 * import { ticketEndpointErrorBodySchema } from '@oemkit/schema';
 * const answer = await fetch('/api/astrato-ticket', { method: 'POST' });
 * const parsed = ticketEndpointErrorBodySchema.safeParse(await answer.json());
 * if (parsed.success && parsed.data.error === 'unauthorized') location.assign('/sign-in');
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
 * import { TICKET_ENDPOINT_ERRORS, type TicketEndpointErrorBody } from '@oemkit/schema';
 * export function unavailable(): Response {
 *   const body: TicketEndpointErrorBody = { error: 'ticket_unavailable' };
 *   return Response.json(body, { status: TICKET_ENDPOINT_ERRORS[body.error] }); // 502
 * }
 * ```
 */
export type TicketEndpointErrorBody = z.infer<typeof ticketEndpointErrorBodySchema>;
