// @ts-check
/**
 * The example's own sign-in, standing in for yours: a few known users and an in-memory session
 * behind an HttpOnly, SameSite=Lax cookie. SameSite=Lax also keeps other sites from POSTing to the
 * token route as the user.
 */
import { parseCookies } from '@oemkit/server';

/**
 * @typedef {object} User
 * @property {string} id stable, never an email: it becomes DataBrain's userIdentifier and the rate-limit key
 * @property {string} email
 * @property {string} tenantId DataBrain's clientId: whose rows the user sees
 * @property {string} region a dashboard filter the user cannot change
 * @property {boolean} analytics whether the user may see dashboards at all
 */

/** @type {readonly User[]} */
export const DEMO_USERS = [
  { id: 'u-ana', email: 'ana@acme.test', tenantId: 'acme', region: 'EU', analytics: true },
  { id: 'u-bo', email: 'bo@globex.test', tenantId: 'globex', region: 'US', analytics: true },
  { id: 'u-cy', email: 'cy@acme.test', tenantId: 'acme', region: 'EU', analytics: false },
];

const COOKIE = 'demo_session';

export class Sessions {
  /** @type {Map<string, User>} */
  #sessions = new Map();

  /**
   * @param {string} email
   * @returns {string | undefined} the Set-Cookie header value, or undefined for an unknown email
   */
  open(email) {
    const user = DEMO_USERS.find((candidate) => candidate.email === email);
    if (!user) return undefined;
    const id = crypto.randomUUID();
    this.#sessions.set(id, user);
    return `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=28800`;
  }

  /**
   * @param {Request} request
   * @returns {User | undefined}
   */
  read(request) {
    const id = parseCookies(request).get(COOKIE);
    return id === undefined ? undefined : this.#sessions.get(id);
  }
}
