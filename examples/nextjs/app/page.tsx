/**
 * The home page, rendered on the server for each request: the sign-in form, or the signed-in
 * user's dashboard. Only public values (the tenant's origin, the embed link) go to the client.
 */
import { cookies } from 'next/headers';
import { publicAstratoConfig } from '../lib/astrato';
import { SESSION_COOKIE, signedInEmail } from '../lib/sessions';
import { Dashboard } from './dashboard';

export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const email = signedInEmail((await cookies()).get(SESSION_COOKIE)?.value);
  return (
    <>
      <header>
        <strong>Acme Analytics</strong>
        {email && (
          <>
            <span data-testid="host-user">{email}</span>
            <form method="post" action="/sign-out">
              <button>Sign out</button>
            </form>
          </>
        )}
      </header>
      <main>{email ? <SignedIn /> : <SignIn invalid={(await searchParams).error === 'email'} />}</main>
    </>
  );
}

function SignIn({ invalid }: { invalid: boolean }) {
  return (
    <>
      <h1>Sign in</h1>
      <p>Any email address will do: this example's sign-in stands in for yours.</p>
      {invalid && <p role="alert">Please enter an email address.</p>}
      <form method="post" action="/sign-in">
        <label>
          Email <input name="email" type="email" required autoFocus />
        </label>{' '}
        <button>Sign in</button>
      </form>
    </>
  );
}

function SignedIn() {
  const astrato = publicAstratoConfig();
  if ('problem' in astrato) return <p role="alert">The Astrato tenant is not configured: {astrato.problem}</p>;
  return <Dashboard baseUrl={astrato.baseUrl} embedUrl={astrato.embedUrl} />;
}
