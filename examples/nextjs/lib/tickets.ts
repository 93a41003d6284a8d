/**
 * Who gets an Astrato ticket, and with what: the one rule that both the ticket route handler and
 * the page (which mints the first ticket while it renders) follow. Server-only.
 */
import type { SetupInput } from '@oemkit/server';

/** What the page hands the browser: a ticket and the key of the session it makes. */
export type RenderedTicket = { ticketId: string; sessionKey: string };
import { astrato, groupNames } from './astrato';
import { rowLevelParameters } from './row-level';
import { signedInEmail } from './sessions';

/** The setup input for the user of this session id (from the session cookie), or `null` for nobody. */
export function ticketInputFor(sessionId: string | undefined): SetupInput | null {
  const email = signedInEmail(sessionId);
  return email ? { email, groupNames: groupNames(), filterParameters: rowLevelParameters(email) } : null;
}

/**
 * A ticket minted while the page renders, with the key of the session it makes, for
 * `<AstratoDashboard initialTicket>`: on a first visit the browser redeems it at once, without
 * asking the ticket endpoint; on a return visit, when the browser already holds the session of
 * that key, it loads the dashboard with no redemption at all. `undefined` for nobody, or when
 * Astrato fails: the page still renders, and the dashboard asks the ticket endpoint instead.
 */
export async function renderTicketFor(sessionId: string | undefined): Promise<RenderedTicket | undefined> {
  const input = ticketInputFor(sessionId);
  if (!input) return undefined;
  try {
    const [{ ticket }, sessionKey] = await Promise.all([astrato.setup(input), astrato.sessionKey(input)]);
    return { ticketId: ticket, sessionKey };
  } catch (error) {
    // oemkit errors hold no secret.
    console.error('first ticket failed; the dashboard will ask the ticket endpoint:', error);
    return undefined;
  }
}
