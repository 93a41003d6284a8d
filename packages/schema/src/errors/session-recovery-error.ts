import { OemkitError } from './oemkit-error.js';

/**
 * The embedded dashboard lost its session again right after oemkit restored it, so recovering
 * once more would loop. The usual cause is a browser that blocks third-party cookies for the
 * Astrato origin (or a `SameSite=Lax` cookie, which a cross-site iframe never gets). What the host
 * can do, as the message says: have Astrato set its cookie `Partitioned`, redeem the ticket at top
 * level (the dashboard then opens signed in in its own tab), or serve Astrato on the same site
 * (docs/security.md). `code` is `'SESSION_RECOVERY_FAILED'`; `cause` is the last recovery error, if any.
 *
 * @example
 * ```ts
 * import { SessionRecoveryError } from '@oemkit/schema/errors';
 * dashboard.on('error', (error) => {
 *   if (error instanceof SessionRecoveryError) container.textContent = 'Allow cookies for app.astrato.io to see the dashboard.';
 * });
 * ```
 */
export class SessionRecoveryError extends OemkitError {
  static get code(): 'SESSION_RECOVERY_FAILED' {
    return 'SESSION_RECOVERY_FAILED';
  }
  declare readonly code: 'SESSION_RECOVERY_FAILED';

  constructor(message: string, cause?: unknown) {
    super('SESSION_RECOVERY_FAILED', message, cause === undefined ? {} : { cause });
    this.name = 'SessionRecoveryError';
  }
}
