/**
 * Answers meant to hurt the page, on real sockets: a ticket endpoint that redirects to a sign-in
 * page, answers HTML, sends too much, trickles forever or is rate limited, and an Astrato that
 * refuses redemptions. Every body carries SECRET, so a test can check no error ever quotes it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/** Looks like a ticket; must never appear in an error the page sees. */
export const SECRET = 'tkt-7d3e55b0-do-not-leak';

/** The ticket endpoint's misbehaviours, served at `/api/hostile/<name>` on the host origin. */
export const HOSTILE_TICKET_ROUTES = ['redirect', 'html', 'oversized', 'oversized-chunked', 'trickle', '429', '503'] as const;

/** What the hostile routes saw: the sign-in page must never be fetched by oemkit. */
export const hostileCounts = { signIn: 0 };

/** Serves a hostile ticket route or the sign-in page; returns false for any other URL. */
export function serveHostile(req: IncomingMessage, res: ServerResponse): boolean {
  const name = /^\/api\/hostile\/([\w-]+)$/.exec(req.url ?? '')?.[1];
  if (req.url?.startsWith('/sign-in')) {
    hostileCounts.signIn++;
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<form>Sign in again (${SECRET})</form>`);
    return true;
  }
  const json = { 'content-type': 'application/json' };
  const padding = 'x'.repeat(100 * 1024);
  switch (name) {
    case 'redirect':
      res.writeHead(302, { location: `/sign-in?next=/api/ticket&ticket=${SECRET}` }).end();
      return true;
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!DOCTYPE html><p>Your ticket is ${SECRET}</p>`);
      return true;
    case 'oversized':
      res.writeHead(200, json).end(JSON.stringify({ ticketId: SECRET, padding }));
      return true;
    case 'oversized-chunked':
      return void streamForever(res, `{"ticketId":"${SECRET}","padding":"${padding.slice(0, 16 * 1024)}`, 10), true;
    case 'trickle':
      return void streamForever(res, ' ', 200, `{"ticketId":"${SECRET}"`), true;
    case '429':
      res.writeHead(429, { ...json, 'retry-after': '30' }).end(JSON.stringify({ error: 'slow down', ticketId: SECRET }));
      return true;
    case '503':
      res.writeHead(503, json).end(JSON.stringify({ error: 'ticket_unavailable', ticketId: SECRET }));
      return true;
    default:
      return false;
  }
}

/** Sends `first`, then `chunk` every `every` ms until the client goes away; chunked, no length. */
function streamForever(res: ServerResponse, chunk: string, every: number, first = chunk): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write(first);
  const timer = setInterval(() => res.write(chunk), every);
  res.on('close', () => clearInterval(timer));
}

/**
 * An Astrato whose redemption answers `status` (with CORS for `hostOrigin`, as Astrato sends), so
 * the page can read it. `redemptions` counts the attempts.
 */
export async function startRefusingAstrato(hostOrigin: () => string) {
  const state = { status: 429, redemptions: 0 };
  const server = createServer((req, res) => {
    const cors = { 'access-control-allow-origin': hostOrigin(), 'access-control-allow-credentials': 'true', vary: 'Origin' };
    if (!req.url?.startsWith('/auth/proxy/oem/ticket/')) return res.writeHead(404, cors).end();
    state.redemptions++;
    const body = { message: `ticket ${SECRET} refused`, code: 'REFUSED', correlationId: 'c0ffee' };
    res.writeHead(state.status, { ...cors, 'content-type': 'application/json', 'retry-after': '30' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    state,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
