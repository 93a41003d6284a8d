/** POST /sign-out: ends the app's session and goes back to the sign-in form. */
import { parseCookies } from '@oemkit/server';
import { closeSession, SESSION_COOKIE } from '../../lib/sessions';

export function POST(request: Request): Response {
  const cookie = closeSession(parseCookies(request).get(SESSION_COOKIE));
  return new Response(null, { status: 303, headers: { location: '/', 'set-cookie': cookie } });
}
