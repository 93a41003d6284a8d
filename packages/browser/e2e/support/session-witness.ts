/**
 * The witnesses of the session-model tests, read from a mark on: the emulator's call log (what
 * reached Astrato: tickets minted by setup, redemptions, sign-outs, and whose session each
 * embed-page load carried) and the host's ticket log (what the page asked its ticket endpoint,
 * with which remembered key, and what it was answered).
 */
import type { Harness } from './host-harness.js';
import type { TicketCall } from './ticket-log.js';

export interface Mark {
  calls: number;
  tickets: number;
}

export interface Witnessed {
  /** Tickets minted: the host's setup calls to Astrato. */
  minted: number;
  /** Ticket redemptions the browser made. */
  redemptions: number;
  signOuts: number;
  /** Each embed-page load as `<dashboard id> <email>`, or `<dashboard id> no session`, in order. */
  embedLoads: string[];
  /** What the page asked its ticket endpoints. */
  ticketCalls: TicketCall[];
}

/** Where the logs stand now, to read what happens after. */
export const markNow = (harness: Harness): Mark => ({ calls: harness.emulator.calls.length, tickets: harness.ticketCalls.length });

/** What happened since `mark`. */
export function witnessedSince(harness: Harness, mark: Mark = { calls: 0, tickets: 0 }): Witnessed {
  const calls = harness.emulator.calls.slice(mark.calls);
  return {
    minted: calls.filter((call) => call.path === '/oem/setup' && call.status === 200).length,
    redemptions: calls.filter((call) => call.path.startsWith('/auth/proxy/oem/ticket/')).length,
    signOuts: calls.filter((call) => call.path === '/auth/proxy/0/sign_out').length,
    embedLoads: calls.filter((call) => call.path.startsWith('/embed/')).map((call) => `${call.path.slice('/embed/'.length)} ${call.user ?? 'no session'}`),
    ticketCalls: harness.ticketCalls.slice(mark.tickets),
  };
}
