/**
 * The host application's users: who the test host backend says is signed in. Each has its own
 * email and its own row-level `filterParameters` (another org's rows), so a session made for one
 * is never right for another. A request names its user by the `user` query parameter of the ticket
 * URL (two ticket endpoints on one page) or the host's own `host_user` cookie (a sign-in on the
 * host, seen by every tab); without either it is Ana, the user every older test expects.
 */
import type { SetupInput } from '@oemkit/server';

export const HOST_USERS = {
  ana: { email: 'ana@example.com', name: 'Ana', groupNames: ['Viewers'], filterParameters: { '[org_id].[string]': 'ID87' } },
  bob: { email: 'bob@example.com', name: 'Bob', groupNames: ['Viewers'], filterParameters: { '[org_id].[string]': 'ID42' } },
  // Ana again, moved to another org: the same person, other rows.
  'ana-eu': { email: 'ana@example.com', name: 'Ana', groupNames: ['Viewers'], filterParameters: { '[org_id].[string]': 'ID99' } },
} as const satisfies Record<string, SetupInput>;

export type HostUser = keyof typeof HOST_USERS;

/** The host's sign-in cookie: `document.cookie = 'host_user=bob'` in any tab signs Bob in for all of them. */
export const HOST_USER_COOKIE = 'host_user';

const isHostUser = (name: string): name is HostUser => Object.hasOwn(HOST_USERS, name);

/** Who is signed in for this request; `undefined` for a name the host does not know (the handler answers 401). */
export function hostUserOf(request: Request): HostUser | undefined {
  const fromQuery = new URL(request.url).searchParams.get('user');
  const fromCookie = new RegExp(`(?:^|;\\s*)${HOST_USER_COOKIE}=([^;]*)`).exec(request.headers.get('cookie') ?? '')?.[1];
  const name = fromQuery ?? fromCookie ?? 'ana';
  return isHostUser(name) ? name : undefined;
}

/** The setup input for `user`, a fresh copy (the handler may not mutate ours, but a test might). */
export const setupInputOf = (user: HostUser): SetupInput => structuredClone(HOST_USERS[user]) as SetupInput;
