/**
 * The ticket endpoint's answer as zod schemas, for servers that write it by hand and for
 * tests. The fields, the words and the rules come from `./ticket-endpoint.ts` and
 * `./session-key.ts`, which the page reads with instead of zod. The schemas state what a server
 * must send; the page's `readTicketAnswer` is more lenient, dropping a bad `sessionKey` beside a
 * good ticket as if an older server had answered.
 *
 * @module
 */
import * as z from 'zod/mini';
import { isSessionKey, SESSION_KEY_FIELD, SESSION_KEY_PROBLEM } from './session-key.js';
import { isTicketId, TICKET_ENDPOINT_ERRORS, TICKET_ID_FIELD, TICKET_ID_PROBLEM } from './ticket-endpoint.js';

const sessionKeySchema = z.string().check(z.refine(isSessionKey, { error: SESSION_KEY_PROBLEM }));

/**
 * The ticket endpoint's 200 answer when it minted a ticket: `{ "ticketId": "...", "sessionKey":
 * "..." }`, a ticket id as {@link isTicketId} accepts it and the key of the session it makes
 * ({@link isSessionKey}); an older server (or a client without `sessionKey`) answers the ticket
 * alone. Unknown extra fields are allowed and ignored, as `readTicketAnswer` ignores them.
 *
 * @example
 * ```ts
 * import { ticketEndpointResponseSchema } from '@oemkit/schema';
 * const answer = await fetch('/api/astrato-ticket', { method: 'POST' });
 * const { ticketId, sessionKey } = ticketEndpointResponseSchema.parse(await answer.json());
 * ```
 */
export const ticketEndpointResponseSchema = z.object({
  [TICKET_ID_FIELD]: z.string().check(z.refine(isTicketId, { error: TICKET_ID_PROBLEM })),
  [SESSION_KEY_FIELD]: z.optional(sessionKeySchema),
});

/**
 * The ticket endpoint's 200 answer when it minted a ticket.
 *
 * @example
 * ```ts
 * import type { TicketEndpointResponse } from '@oemkit/schema';
 * export async function POST(): Promise<Response> {
 *   const input = { email: 'ana@example.com', groupNames: ['Viewers'] };
 *   const { ticket } = await astrato.setup(input);
 *   const body: TicketEndpointResponse = { ticketId: ticket, sessionKey: await astrato.sessionKey(input) };
 *   return Response.json(body);
 * }
 * ```
 */
export type TicketEndpointResponse = z.infer<typeof ticketEndpointResponseSchema>;

/**
 * The ticket endpoint's 200 answer when the page sent `Oemkit-Session-Key` and it is the key of
 * the session this user gets: `{ "sessionKey": "..." }` and no `ticketId` field at all (a
 * `ticketId` beside it, even `null`, is refused). Nothing was minted.
 *
 * @example
 * ```ts
 * import { ticketEndpointSessionResponseSchema } from '@oemkit/schema';
 * const { sessionKey } = ticketEndpointSessionResponseSchema.parse({ sessionKey: 'v1.q3Xb0tT7m2YyZ1kq7d6qjv0Wc3m7hN2v5x1Zb8fQe4A' });
 * ```
 */
export const ticketEndpointSessionResponseSchema = z.object({
  [SESSION_KEY_FIELD]: sessionKeySchema,
  [TICKET_ID_FIELD]: z.optional(z.never()),
});

/**
 * The ticket endpoint's 200 answer when the remembered session is kept.
 *
 * @example
 * ```ts
 * import { SESSION_KEY_HEADER, type TicketEndpointSessionResponse } from '@oemkit/schema';
 * export async function kept(request: Request, key: string): Promise<Response | undefined> {
 *   if (request.headers.get(SESSION_KEY_HEADER) !== key) return undefined; // createTicketHandler compares in constant time
 *   const body: TicketEndpointSessionResponse = { sessionKey: key };
 *   return Response.json(body);
 * }
 * ```
 */
export type TicketEndpointSessionResponse = z.infer<typeof ticketEndpointSessionResponseSchema>;

/**
 * Every 200 answer of the ticket endpoint: a minted ticket ({@link ticketEndpointResponseSchema})
 * or a kept session ({@link ticketEndpointSessionResponseSchema}).
 *
 * @example
 * ```ts
 * import { ticketEndpointAnswerSchema } from '@oemkit/schema';
 * const answer = ticketEndpointAnswerSchema.parse(await (await fetch('/api/astrato-ticket', { method: 'POST' })).json());
 * if ('ticketId' in answer && answer.ticketId !== undefined) console.log('redeem', answer.ticketId);
 * ```
 */
export const ticketEndpointAnswerSchema = z.union([ticketEndpointResponseSchema, ticketEndpointSessionResponseSchema]);

/**
 * Every 200 answer of the ticket endpoint.
 *
 * @example
 * ```ts
 * import type { TicketEndpointAnswer } from '@oemkit/schema';
 * function ticketOf(answer: TicketEndpointAnswer): string | undefined {
 *   return answer.ticketId; // undefined for a kept session
 * }
 * ```
 */
export type TicketEndpointAnswer = z.infer<typeof ticketEndpointAnswerSchema>;

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
