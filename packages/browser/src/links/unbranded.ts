/**
 * Unbranded Astrato login and invite links for customer-facing analytics.
 *
 * @module
 */
import { readUrl } from '@oemkit/schema/internal';

/**
 * Adds `hideInfo=true` to an Astrato login page URL, keeping every other parameter and the
 * fragment. Idempotent.
 *
 * @example
 * ```ts
 * import { unbrandedLoginUrl } from '@oemkit/browser';
 * unbrandedLoginUrl('https://app.astrato.io/login?next=%2Fembed%2Fx'); // 'https://app.astrato.io/login?next=%2Fembed%2Fx&hideInfo=true'
 * ```
 */
export function unbrandedLoginUrl(loginUrl: string): string {
  const url = readUrl(loginUrl, 'loginUrl');
  if (url.searchParams.get('hideInfo') === 'true') return url.href;
  url.search = url.search ? `${url.search}&hideInfo=true` : '?hideInfo=true';
  return url.href;
}

/**
 * Turns an Astrato invite link (the redirected URL copied in a private window) into its
 * unbranded form by inserting `hideInfo=true&` directly after the `?`, as Astrato documents; the
 * rest of the query is kept byte for byte. Idempotent.
 *
 * @example
 * ```ts
 * import { unbrandedInviteUrl } from '@oemkit/browser';
 * unbrandedInviteUrl('https://app.astrato.io/signup?invite=abc&tenant=t1');
 * // 'https://app.astrato.io/signup?hideInfo=true&invite=abc&tenant=t1'
 * ```
 */
export function unbrandedInviteUrl(inviteUrl: string): string {
  const url = readUrl(inviteUrl, 'inviteUrl');
  if (url.searchParams.get('hideInfo') === 'true') return url.href;
  url.search = url.search ? `?hideInfo=true&${url.search.slice(1)}` : '?hideInfo=true';
  return url.href;
}
