// @ts-check
/**
 * Row-level data reduction: each signed-in user gets the `org_id` of their organisation as an
 * Astrato filter parameter, so the semantic layer only returns that organisation's rows. Admins
 * get the parameter cleared (`[org_id].[undefined]: null`): no reduction.
 */
import { filterParameter, filterParameters } from '@oemkit/schema';

/** Known demo users; anyone else gets an org id made from their email domain. */
const ORGANISATIONS = {
  'acme.test': 'ACME-001',
  'globex.test': 'GLOBEX-042',
};

/**
 * @param {string} email
 * @returns {import('@oemkit/schema').FilterParameters}
 */
export function rowLevelParametersFor(email) {
  const [local, domain = ''] = email.toLowerCase().split('@');
  if (local === 'admin') return filterParameters({ org_id: filterParameter.clear() });
  const orgId = ORGANISATIONS[/** @type {keyof typeof ORGANISATIONS} */ (domain)] ?? domain.replace(/[^a-z0-9]+/g, '-').toUpperCase();
  return filterParameters({ org_id: orgId });
}
