/**
 * A host application for the browser tests: a page on its own origin that loads @oemkit/browser,
 * and a ticket endpoint built on createTicketHandler against the Astrato emulator.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { AstratoClient, createTicketHandler } from '@oemkit/server';
import { toNodeHandler } from '@oemkit/server/node';
import { createAstratoEmulator, type AstratoEmulator, type AstratoEmulatorOptions, type ListenOptions, type RunningEmulator } from '@oemkit/server/testing';
import { serveHostile, startRefusingAstrato } from './hostile-routes.js';
import { bundleForPage } from './page-bundle.js';
import { hostUserOf, setupInputOf, type HostUser } from './host-users.js';
import { loggedTicketEndpoint, type TicketCall } from './ticket-log.js';

async function serve(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

const HOST_PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Host</title></head>
<body><div id="dashboard" style="width:800px;height:500px"></div>
<script src="/oemkit.js"></script>
<script>
window.events = [];
// Every message the page receives, as [origin, data], recorded by a listener of the page's own:
// once a message is here, every listener (the dashboard's too) has had it, because one message
// event is dispatched to all of them in one go. A test that proves a message was ignored waits
// for it here instead of waiting a fixed time.
window.received = [];
addEventListener('message', (e) => window.received.push([e.origin, e.data]));
// Every URL the page fetches, logged as the call is made: a request that should not happen is
// seen at once, without waiting for it to reach a server. A call with an aborted signal sends
// nothing, so it is not logged.
window.fetched = [];
const pageFetch = window.fetch;
window.fetch = function (input, init) {
  const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
  if (!signal?.aborted) window.fetched.push(input instanceof Request ? input.url : String(input));
  return pageFetch.call(this, input, init);
};
</script></body></html>`;

/**
 * A page on a third origin that records every message it gets and fakes what Astrato's iframe
 * posts: the 401Error, and a workbook message as a workbook action would post it.
 */
const FOREIGN_PAGE = `<!DOCTYPE html><html><body><pre id="received"></pre><script>
addEventListener('message', (e) => { document.getElementById('received').textContent += JSON.stringify(e.data) + '\\n'; });
parent.postMessage({ type: 'Astrato', message: '401Error' }, '*');
parent.postMessage({ type: 'ACTIVE SHEET', payload: 'posted by a foreign origin' }, '*');
</script></body></html>`;

/**
 * The ticket endpoint's answer (`Cache-Control: no-store`) with its body in two writes 20 ms
 * apart, as a server that compresses or streams its answers sends it (Next.js's route handlers do).
 */
async function ticketInParts(handler: (request: Request) => Promise<Response>, res: ServerResponse): Promise<void> {
  const answer = await handler(new Request('http://host.test/api/ticket', { method: 'POST' }));
  const body = await answer.text();
  res.writeHead(answer.status, { ...Object.fromEntries(answer.headers), 'content-length': Buffer.byteLength(body) });
  res.write(body.slice(0, 10));
  setTimeout(() => res.end(body.slice(10)), 20);
}

export interface Harness {
  emulator: AstratoEmulator;
  astratoUrl: string;
  hostUrl: string;
  foreignUrl: string;
  /** The Astrato client the host backend uses, for a test that mints as server rendering would. */
  client: AstratoClient;
  /** How many times the page asked the host backend for a ticket. */
  ticketRequests: () => number;
  /**
   * Every request to the ticket endpoints (`/api/ticket`, and `/api/ticket-old`, which answers as
   * an older server: `{ ticketId }` only), in order: its user, the session key header it carried,
   * and what it was answered.
   */
  ticketCalls: TicketCall[];
  /** An Astrato on a fourth origin whose redemption answers `refusingAstrato.state.status`. */
  refusingAstrato: Awaited<ReturnType<typeof startRefusingAstrato>>;
  close(): Promise<void>;
}

/**
 * Starts the servers; `emulatorOptions` add to the emulator's (a `workbook` that posts messages,
 * say), `listen` to where it listens (`{ https: true }`: the host backend then reaches it
 * in-process, since Node does not trust its self-signed certificate).
 */
export async function startHarness(emulatorOptions: AstratoEmulatorOptions = {}, listen: ListenOptions = {}): Promise<Harness> {
  const emulator = createAstratoEmulator({ heartbeat: 200, ...emulatorOptions });
  const astrato: RunningEmulator = await emulator.listen(listen);
  const client = new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, baseUrl: astrato.url, ...(listen.https && { fetch: emulator.fetch }) });
  let ticketRequests = 0;
  // Ana unless the ticket URL's `user` or the host's `host_user` cookie names another (host-users.ts).
  const authorize = (request: Request) => {
    ticketRequests++;
    const user: HostUser | undefined = hostUserOf(request);
    return user ? setupInputOf(user) : null;
  };
  // One user stands for every test of a file, each a fresh page with its own first ticket: a
  // file of React tests, run for React 18 and 19, passes the default 30 a minute, which fits one
  // person's pages, not a suite's. The limit itself is tested in the server's handler tests.
  const rateLimit = { points: 10_000, duration: 60 };
  const ticketHandler = createTicketHandler({ client, authorize, rateLimit });
  // An older server: a client with nothing but `setup` (no session keys), so it answers `{ ticketId }` only.
  const olderTicketHandler = createTicketHandler({ client: { setup: client.setup.bind(client) }, authorize, rateLimit });
  const ticketCalls: TicketCall[] = [];
  const tickets = toNodeHandler(loggedTicketEndpoint(ticketHandler, ticketCalls));
  const olderTickets = toNodeHandler(loggedTicketEndpoint(olderTicketHandler, ticketCalls));
  const script = await bundleForPage(new URL('../../src/index.ts', import.meta.url), 'oemkit');
  const host = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://host.test').pathname;
    if (path === '/api/ticket') return tickets(req, res);
    if (path === '/api/ticket-old') return olderTickets(req, res);
    if (req.url === '/api/ticket-in-parts') return void ticketInParts(ticketHandler, res);
    if (req.url === '/oemkit.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    if (serveHostile(req, res)) return;
    res.writeHead(200, { 'content-type': 'text/html' }).end(HOST_PAGE);
  });
  const foreign = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(FOREIGN_PAGE));
  const [hostUrl, foreignUrl] = await Promise.all([serve(host), serve(foreign)]);
  const refusingAstrato = await startRefusingAstrato(() => hostUrl);
  return {
    emulator,
    astratoUrl: astrato.url,
    hostUrl,
    foreignUrl,
    client,
    ticketRequests: () => ticketRequests,
    ticketCalls,
    refusingAstrato,
    async close() {
      host.closeAllConnections();
      foreign.closeAllConnections();
      await Promise.all([astrato.close(), refusingAstrato.close(), new Promise((r) => host.close(r)), new Promise((r) => foreign.close(r))]);
    },
  };
}
