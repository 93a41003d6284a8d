/**
 * A failed vendor call as a doctor line: the safe message and what to do for its code.
 *
 * @module
 */
import { failureFields } from '../../handlers/failure-fields.js';
import { fail, type CheckResult } from './check-result.js';

/** `fixes` by oemkit error code; `CONNECTION_ERROR` and `TIMEOUT` share one answer unless given. */
export function vendorFailure(name: string, error: unknown, fixes: Record<string, string>, fallback: string): CheckResult {
  const { code, message, causes, name: className } = failureFields(error);
  const because = causes?.length ? ` (because: ${causes.join('; ')})` : '';
  const network = 'check the URL and that this machine can reach it (proxy, firewall, DNS)';
  const fix = fixes[code] ?? (code === 'CONNECTION_ERROR' || code === 'TIMEOUT' ? network : fallback);
  return fail(name, `${message ?? className ?? code}${because}`, fix);
}
