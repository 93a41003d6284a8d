import { OemkitError } from './oemkit-error.js';

/**
 * A dashboard was refused because another dashboard on the same page holds the Astrato session
 * of a different user or row-level setup: the browser has one Astrato session per origin, so
 * redeeming this dashboard's ticket would make the first one show the second user's rows. The
 * first dashboard keeps its user; this one is not loaded and nothing was redeemed. Embed one user
 * (and one row-level setup) per page, or end the first with `signOut()` before embedding another.
 * A dashboard already loaded reports it too, and removes its iframe before it can show a row of
 * the other session, when another tab of the browser gives the session to another user or setup
 * (someone else signed in at the same browser). `code` is `'SESSION_CONFLICT'`.
 *
 * @example
 * ```ts
 * import { SessionConflictError } from '@oemkit/schema/errors';
 * dashboard.on('error', (error) => {
 *   if (error instanceof SessionConflictError) container.textContent = 'This page already shows another user’s dashboard.';
 * });
 * ```
 */
export class SessionConflictError extends OemkitError {
  static get code(): 'SESSION_CONFLICT' {
    return 'SESSION_CONFLICT';
  }
  declare readonly code: 'SESSION_CONFLICT';

  constructor(message = 'another dashboard on this page holds the Astrato session of a different user or row-level setup') {
    super('SESSION_CONFLICT', message);
    this.name = 'SessionConflictError';
  }
}
