// @ts-check
/**
 * The example backend as one Web-standard handler: sign-in, and the guest-token route.
 *
 * POST /sign-in            email=<one of DEMO_USERS>  → 204 with the session cookie, 401 otherwise
 * POST /api/databrain-token                           → { token } (see guest-token-route.js)
 */
import { createGuestTokenRoute } from './guest-token-route.js';
import { Sessions } from './sessions.js';

/**
 * @param {Omit<import('./guest-token-route.js').GuestTokenRouteOptions, 'sessions'>} options
 * @returns {(request: Request) => Promise<Response>}
 */
export function createApp(options) {
  const sessions = new Sessions();
  const guestTokens = createGuestTokenRoute({ ...options, sessions });
  return async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/api/databrain-token') return guestTokens(request);
    if (pathname === '/sign-in' && request.method === 'POST') {
      const email = new URLSearchParams(await request.text()).get('email') ?? '';
      const cookie = sessions.open(email);
      return cookie ? new Response(null, { status: 204, headers: { 'set-cookie': cookie } }) : new Response('Unknown user', { status: 401 });
    }
    return new Response('Not found', { status: 404 });
  };
}
