import { OemkitError } from './oemkit-error.js';

/**
 * A dashboard was refused because another dashboard on the same page holds the Astrato session
 * of a different user or row-level setup: the browser has one Astrato session per origin, so
 * redeeming this dashboard's ticket would make the first one show the second user's rows. The
 * first dashboard keeps its user; this one is not loaded and nothing was redeemed. Embed one user
 * (and one row-level setup) per page, or end the first with `signOut()` before embedding another.
 * `code` is `'SESSION_CONFLICT'`.
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

  constructor() {
    super('SESSION_CONFLICT', 'another dashboard on this page holds the Astrato session of a different user or row-level setup');
    this.name = 'SessionConflictError';
  }
}
