/**
 * The home page, rendered on the server for each request: the sign-in form, or the signed-in
 * user's dashboard. Only public values (the tenant's origin, the embed link) and the user's first
 * ticket go to the client. The ticket is minted here, while the page renders, so the browser's
 * first visit takes 2 round trips to show the dashboard (redemption, embed page), not 3. Reading
 * the cookies makes the page dynamic: Next.js renders it per request and never caches it, as a
 * page holding a single-use ticket for one user must be.
 */
import { cookies } from 'next/headers';
import { publicAstratoConfig } from '../lib/astrato';
import { SESSION_COOKIE, signedInEmail } from '../lib/sessions';
import { renderTicketFor } from '../lib/tickets';
import { Dashboard } from './dashboard';

export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sessionId = (await cookies()).get(SESSION_COOKIE)?.value;
  const email = signedInEmail(sessionId);
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
      <main>{email ? <SignedIn sessionId={sessionId} /> : <SignIn invalid={(await searchParams).error === 'email'} />}</main>
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

async function SignedIn({ sessionId }: { sessionId: string | undefined }) {
  const astrato = publicAstratoConfig();
  if ('problem' in astrato) return <p role="alert">The Astrato tenant is not configured: {astrato.problem}</p>;
  return <Dashboard baseUrl={astrato.baseUrl} embedUrl={astrato.embedUrl} initialTicket={await renderTicketFor(sessionId)} />;
}
