/**
 * The app's own sign-in, as small as it gets: an email, and an opaque id in an HttpOnly,
 * SameSite=Lax cookie (Lax also keeps other sites from POSTing to the ticket endpoint as the
 * user). Your real sign-in replaces this file.
 */

export const SESSION_COOKIE = 'host_session';
const EIGHT_HOURS = 8 * 60 * 60;

// On globalThis, not in a module variable: Next.js may evaluate this module once per route bundle
// (the page, the sign-in route, the ticket route), and all of them must see the same sessions.
const store = globalThis as typeof globalThis & { oemkitExampleSessions?: Map<string, string> };
const sessions = (store.oemkitExampleSessions ??= new Map<string, string>());

/** Opens a session for `email`; returns the Set-Cookie header value. */
export function openSession(email: string): string {
  const id = crypto.randomUUID();
  sessions.set(id, email);
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${EIGHT_HOURS}`;
}

/** The signed-in user's email for a session id from the cookie, if any. */
export function signedInEmail(sessionId: string | undefined): string | undefined {
  return sessionId === undefined ? undefined : sessions.get(sessionId);
}

/** Ends a session; returns the Set-Cookie header value that clears the cookie. */
export function closeSession(sessionId: string | undefined): string {
  if (sessionId !== undefined) sessions.delete(sessionId);
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}
