import { OemkitError } from './oemkit-error.js';

/**
 * The host's own ticket source failed: the `getTicket()` given to `embedDashboard` threw or
 * rejected with something that is not an oemkit error (that error is the `cause`), or did not
 * settle within the embed's `timeout`. `code` is `'TICKET_SOURCE_FAILED'`. The message never quotes
 * the original message, which may hold a ticket; an oemkit error thrown by `getTicket()` passes
 * through as it is instead, and a result that is not a ticket id is refused by the redemption
 * (a `ValidationError`, before any request).
 *
 * @example
 * ```ts
 * import { TicketSourceError } from '@oemkit/schema/errors';
 * dashboard.on('error', (error) => {
 *   if (error instanceof TicketSourceError) console.error(error.cause); // what getTicket() threw
 * });
 * ```
 */
export class TicketSourceError extends OemkitError {
  static get code(): 'TICKET_SOURCE_FAILED' {
    return 'TICKET_SOURCE_FAILED';
  }
  declare readonly code: 'TICKET_SOURCE_FAILED';

  /** `problem` completes "getTicket() ...": `threw or rejected`, `did not settle within 10000 ms`. */
  constructor(problem: string, cause?: unknown) {
    super('TICKET_SOURCE_FAILED', `getTicket() ${problem}`, cause === undefined ? {} : { cause });
    this.name = 'TicketSourceError';
  }
}
