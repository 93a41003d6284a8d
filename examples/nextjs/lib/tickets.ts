/**
 * Who gets an Astrato ticket, and with what: the one rule that both the ticket route handler and
 * the page (which mints the first ticket while it renders) follow. Server-only.
 */
import type { SetupInput } from '@oemkit/server';
import { astrato, groupNames } from './astrato';
import { rowLevelParameters } from './row-level';
import { signedInEmail } from './sessions';

/** The setup input for the user of this session id (from the session cookie), or `null` for nobody. */
export function ticketInputFor(sessionId: string | undefined): SetupInput | null {
  const email = signedInEmail(sessionId);
  return email ? { email, groupNames: groupNames(), filterParameters: rowLevelParameters(email) } : null;
}

/**
 * A ticket minted while the page renders, for `<AstratoDashboard initialTicket>`: the browser then
 * redeems it at once, without asking the ticket endpoint first. `undefined` for nobody, or when
 * Astrato fails: the page still renders, and the dashboard asks the ticket endpoint instead.
 */
export async function renderTicketFor(sessionId: string | undefined): Promise<string | undefined> {
  const input = ticketInputFor(sessionId);
  if (!input) return undefined;
  try {
    return (await astrato.setup(input)).ticket;
  } catch (error) {
    // oemkit errors hold no secret.
    console.error('first ticket failed; the dashboard will ask the ticket endpoint:', error);
    return undefined;
  }
}
