/** POST /sign-in: the form on the home page posts an email; any address signs in. */
import { openSession } from '../../lib/sessions';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function POST(request: Request): Promise<Response> {
  const email = String((await request.formData()).get('email') ?? '').trim();
  if (!EMAIL.test(email)) return seeOther('/?error=email');
  return seeOther('/', openSession(email));
}

/** 303, so the browser follows with a GET of the page. */
function seeOther(location: string, cookie?: string): Response {
  return new Response(null, { status: 303, headers: { location, ...(cookie ? { 'set-cookie': cookie } : {}) } });
}
