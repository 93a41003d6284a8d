// @ts-check
/**
 * The host application's own sign-in: an in-memory session behind an HttpOnly, SameSite=Lax
 * cookie. SameSite=Lax also keeps other sites from POSTing to the ticket endpoint as the user.
 */

import { parseCookies } from '@oemkit/server';

const COOKIE = 'host_session';

export class HostSessions {
  /** @type {Map<string, { email: string }>} */
  #sessions = new Map();

  /**
   * @param {string} email
   * @returns {string} the Set-Cookie header value
   */
  open(email) {
    const id = crypto.randomUUID();
    this.#sessions.set(id, { email });
    return `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=28800`;
  }

  /**
   * @param {string | null | undefined} cookieHeader
   * @returns {{ email: string } | undefined}
   */
  read(cookieHeader) {
    const id = parseCookies(cookieHeader).get(COOKIE);
    return id ? this.#sessions.get(id) : undefined;
  }

  /**
   * @param {string | null | undefined} cookieHeader
   * @returns {string} the Set-Cookie header value that clears the cookie
   */
  close(cookieHeader) {
    const id = parseCookies(cookieHeader).get(COOKIE);
    if (id !== undefined) this.#sessions.delete(id);
    return `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
  }
}
