// One server of the endpoint benchmark, in its own process, told which by argv[2]:
//   emulator                the Astrato emulator
//   oemkit <emulator url>   createTicketHandler through toNodeHandler
//   hand-written <url>      a node:http handler making the same vendor calls by hand
// Each listens on 127.0.0.1, sends { url } to its parent, and answers { cpu } (its own CPU time
// so far, in microseconds) to every 'cpu' message, so the parent can charge CPU per request.
import { createServer } from 'node:http';
import { AstratoClient, createTicketHandler } from '@oemkit/server';
import { toNodeHandler } from '@oemkit/server/node';
import { createAstratoEmulator } from '@oemkit/server/testing';

const [role, vendorUrl] = process.argv.slice(2);
const credentials = { clientId: 'local-client-id', clientSecret: 'local-client-secret' };
// Every request is the same signed-in user; the per-user limit is off in both handlers.
const authorize = () => ({ email: 'ana@example.com', groupNames: ['Viewers'] });

async function listen(listener) {
  const server = createServer(listener);
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${server.address().port}`;
}

/** What a careful host writes without oemkit: POST only, the token fetched once and kept, no-store. */
async function handWritten() {
  const post = (path, body, headers = {}) =>
    fetch(`${vendorUrl}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const { access_token: token } = await (await post('auth/proxy/m2m/token', credentials)).json();
  const reply = (res, status, body) => res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  return async (req, res) => {
    if (req.method !== 'POST') return reply(res, 405, { error: 'method_not_allowed' });
    try {
      const answer = await post('oem/setup', authorize(req), { authorization: `Bearer ${token}` });
      if (!answer.ok) return reply(res, 502, { error: 'ticket_unavailable' });
      reply(res, 200, { ticketId: (await answer.json()).ticket });
    } catch {
      reply(res, 503, { error: 'upstream_unavailable' });
    }
  };
}

let url;
if (role === 'emulator') {
  ({ url } = await createAstratoEmulator(credentials).listen());
} else if (role === 'oemkit') {
  const client = new AstratoClient({ ...credentials, baseUrl: vendorUrl });
  await client.getAccessToken(); // as the hand-written handler, the token is in hand before the first ticket
  url = await listen(toNodeHandler(createTicketHandler({ client, authorize, rateLimit: false })));
} else if (role === 'hand-written') {
  url = await listen(await handWritten());
} else {
  throw new Error(`unknown role ${role}`);
}
process.on('message', (message) => {
  if (message !== 'cpu') return;
  const { user, system } = process.cpuUsage();
  process.send({ cpu: user + system });
});
// Exits normally on SIGINT, so that a `--cpu-prof` run of this server writes its profile.
process.on('SIGINT', () => process.exit(0));
process.send({ url });
