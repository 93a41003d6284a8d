/**
 * Row-level security: each user's ticket carries their organisation's `org_id` as an Astrato
 * filter parameter, so the semantic layer returns only that organisation's rows.
 */
import type { SetupInput } from '@oemkit/server';

/** The demo's organisations by email domain; any other domain is an organisation of its own. */
const ORGANISATIONS: Record<string, string> = { 'acme.test': 'ACME-001', 'globex.test': 'GLOBEX-042' };

export function rowLevelParameters(email: string): NonNullable<SetupInput['filterParameters']> {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  const orgId = ORGANISATIONS[domain] ?? domain.replace(/[^a-z0-9]+/g, '-').toUpperCase();
  // Astrato's wire form, `[name].[type]`, which the client validates before setup.
  // (`filterParameters({ org_id: orgId })` from @oemkit/schema writes it for you.)
  return { '[org_id].[string]': orgId };
}
