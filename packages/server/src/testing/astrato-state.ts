/**
 * The emulated Astrato tenant's state: users, tickets and sessions, on an injectable clock.
 *
 * @module
 */
import { SESSION_LIFETIME, TICKET_LIFETIME, TOKEN_LIFETIME_LIMIT, type FilterParameters } from '@oemkit/schema';

/** A ticket lives 60 seconds, a session 7 days, an m2m token 10 minutes (Astrato's OEM API documentation). */
export const LIFETIMES = { ticket: TICKET_LIFETIME, session: SESSION_LIFETIME, token: TOKEN_LIFETIME_LIMIT } as const;

/**
 * A group users can be temporarily assigned to.
 */
export interface EmulatedGroup {
  id: string;
  name: string;
}

/**
 * A user the emulator knows, created by its first setup.
 *
 * @example
 * ```ts
 * import { AstratoClient } from '@oemkit/server';
 * import { createAstratoEmulator } from '@oemkit/server/testing';
 * const emulator = createAstratoEmulator();
 * const astrato = new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, fetch: emulator.fetch });
 * await astrato.setup({ email: 'ana@example.com', groupNames: ['Viewers'] });
 * const ana = emulator.users().find((user) => user.email === 'ana@example.com');
 * ```
 */
export interface EmulatedUser {
  id: string;
  email: string;
  name: string;
}

/** What a ticket (and then the session made from it) grants: the setup's groups and parameters. */
export interface SessionGrant {
  user: EmulatedUser;
  groupIds: string[];
  filterParameters: FilterParameters;
}

/**
 * Whether a ticket can be redeemed more than once within its 60 seconds. Astrato's OEM page does
 * not say; WIRE.md's table calls it single use, and every official sample redeems once.
 *
 * @example
 * ```ts
 * import { createAstratoEmulator, type TicketReuse } from '@oemkit/server/testing';
 * // A tenant that lets a page redeem the same ticket twice within its minute.
 * const ticketReuse: TicketReuse = process.env.TICKETS_REUSABLE ? 'reusable' : 'single-use';
 * const emulator = createAstratoEmulator({ ticketReuse });
 * ```
 */
export type TicketReuse = 'single-use' | 'reusable';

/** @internal */
export class AstratoState {
  readonly users = new Map<string, EmulatedUser>();
  readonly tickets = new Map<string, SessionGrant & { expiresAt: number }>();
  readonly sessions = new Map<string, SessionGrant & { expiresAt: number }>();
  readonly counts = { tokensIssued: 0, ticketsIssued: 0, ticketsRedeemed: 0, signOuts: 0 };

  constructor(
    private readonly now: () => number,
    private readonly rules: { sessionLifetime: number; ticketReuse: TicketReuse } = { sessionLifetime: LIFETIMES.session, ticketReuse: 'single-use' },
  ) {}

  userFor(email: string, name: string | undefined): EmulatedUser {
    const existing = this.users.get(email.toLowerCase());
    if (existing) {
      if (name) existing.name = name;
      return existing;
    }
    const user = { id: crypto.randomUUID(), email, name: name ?? email.split('@')[0]! };
    this.users.set(email.toLowerCase(), user);
    return user;
  }

  issueTicket(grant: SessionGrant): string {
    const ticket = crypto.randomUUID();
    this.tickets.set(ticket, { ...grant, expiresAt: this.now() + LIFETIMES.ticket });
    this.counts.ticketsIssued++;
    return ticket;
  }

  /** Single use (the default): the ticket is gone whether or not it was still valid. Reusable: it stays until it expires. */
  redeem(ticket: string): SessionGrant | undefined {
    const grant = this.tickets.get(ticket);
    if (this.rules.ticketReuse === 'single-use' || (grant && grant.expiresAt <= this.now())) this.tickets.delete(ticket);
    if (!grant || grant.expiresAt <= this.now()) return undefined;
    this.counts.ticketsRedeemed++;
    return grant;
  }

  openSession(grant: SessionGrant): string {
    const id = crypto.randomUUID();
    this.sessions.set(id, { ...grant, expiresAt: this.now() + this.rules.sessionLifetime });
    return id;
  }

  session(id: string | undefined): SessionGrant | undefined {
    const session = id === undefined ? undefined : this.sessions.get(id);
    if (!session || session.expiresAt <= this.now()) return undefined;
    return session;
  }
}
