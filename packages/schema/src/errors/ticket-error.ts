import { ApiError, type ApiErrorInit } from './api-error.js';

/**
 * Astrato refused to redeem a session ticket: it was older than 60 seconds, already used, or
 * unknown. Tickets are single use; ask the backend for a new one. `code` is `'TICKET_INVALID'`.
 *
 * @example
 * ```ts
 * import { TicketError } from '@oemkit/schema/errors';
 * import { redeemTicket } from '@oemkit/browser';
 * try {
 *   await redeemTicket(ticketId);
 * } catch (error) {
 *   if (error instanceof TicketError) console.warn('used or expired: ask the ticket endpoint for a new one');
 * }
 * ```
 */
export class TicketError extends ApiError {
  static override get code(): 'TICKET_INVALID' {
    return 'TICKET_INVALID';
  }
  declare readonly code: 'TICKET_INVALID';

  constructor(init: ApiErrorInit) {
    super(init, 'TICKET_INVALID');
    this.name = 'TicketError';
  }
}
