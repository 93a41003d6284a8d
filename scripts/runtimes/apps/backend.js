// The backend every recipe in docs/frameworks.md shares: one client per vendor and the two
// endpoints, made once per process (or Worker isolate). `env` is `process.env`,
// `Deno.env.toObject()` or a Worker's `env`. Without ASTRATO_URL and DATABRAIN_URL the clients
// talk to the vendors; the runtime matrix points them at the emulators.
// recipe:start backend
import { AstratoClient, DataBrainClient, createGuestTokenHandler, createTicketHandler } from '@oemkit/server';

export function createEndpoints(env) {
  const astrato = new AstratoClient({ clientId: env.ASTRATO_CLIENT_ID, clientSecret: env.ASTRATO_CLIENT_SECRET, baseUrl: env.ASTRATO_URL });
  const databrain = new DataBrainClient({ apiKey: env.DATABRAIN_API_KEY, baseUrl: env.DATABRAIN_URL });
  return {
    ticket: createTicketHandler({
      client: astrato,
      authorize: async (request) => {
        const user = await currentUser(request);
        return user ? { email: user.email, groupNames: ['Viewers'] } : null;
      },
    }),
    guestToken: createGuestTokenHandler({
      client: databrain,
      authorize: async (request) => {
        const user = await currentUser(request);
        return user ? { clientId: user.tenant, dataAppName: 'Sales App', params: { userIdentifier: user.id } } : null;
      },
    }),
  };
}
// recipe:end

/** Your session lookup. Here, a stand-in that knows one signed-in user by her cookie. */
async function currentUser(request) {
  const signedIn = /(?:^|;\s*)session=ana(?:;|$)/.test(request.headers.get('cookie') ?? '');
  return signedIn ? { id: 'ana', email: 'ana@example.com', tenant: 'acme' } : null;
}
