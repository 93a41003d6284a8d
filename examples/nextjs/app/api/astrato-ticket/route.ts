/**
 * POST /api/astrato-ticket: `{ "ticketId": "..." }` for the signed-in user, 401 for anyone else.
 * `createTicketHandler` returns a Web-standard `(Request) => Promise<Response>`, which is a route
 * handler as it is. The page mints the first ticket itself while it renders (same rule,
 * `lib/tickets.ts`); the dashboard comes here for every later one: a lost session, a remount.
 */
import { createTicketHandler, parseCookies } from '@oemkit/server';
import { astrato } from '../../../lib/astrato';
import { SESSION_COOKIE } from '../../../lib/sessions';
import { ticketInputFor } from '../../../lib/tickets';

export const POST = createTicketHandler({
  client: astrato,
  authorize: (request) => ticketInputFor(parseCookies(request).get(SESSION_COOKIE)),
  // The browser only sees a stable word (502 ticket_unavailable); the cause is logged here, and
  // oemkit errors hold no secret.
  onError: (error) => console.error('ticket endpoint failed:', error),
});
