/**
 * POST /api/astrato-ticket: `{ "ticketId": "..." }` for the signed-in user, 401 for anyone else.
 * `createTicketHandler` returns a Web-standard `(Request) => Promise<Response>`, which is a route
 * handler as it is.
 */
import { createTicketHandler, parseCookies } from '@oemkit/server';
import { astrato, groupNames } from '../../../lib/astrato';
import { rowLevelParameters } from '../../../lib/row-level';
import { SESSION_COOKIE, signedInEmail } from '../../../lib/sessions';

export const POST = createTicketHandler({
  client: astrato,
  authorize: (request) => {
    const email = signedInEmail(parseCookies(request).get(SESSION_COOKIE));
    return email ? { email, groupNames: groupNames(), filterParameters: rowLevelParameters(email) } : null;
  },
  // The browser only sees a stable word (502 ticket_unavailable); the cause is logged here, and
  // oemkit errors hold no secret.
  onError: (error) => console.error('ticket endpoint failed:', error),
});
