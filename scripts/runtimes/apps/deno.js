// Deno, with @oemkit/server from node_modules (npm install; `npm:@oemkit/server` works the same).
// Run with --unstable-no-legacy-abort: see the Deno recipe in docs/frameworks.md for why.
import { askOwnEndpoints } from './self-check.js';
// recipe:start deno
import { createEndpoints } from './backend.js';

const { ticket, guestToken } = createEndpoints(Deno.env.toObject());
const server = Deno.serve({ hostname: '127.0.0.1', port: Number(Deno.env.get('PORT') ?? 8000), onListen() {} }, (request) => {
  const { pathname } = new URL(request.url);
  if (request.method === 'POST' && pathname === '/api/astrato-ticket') return ticket(request);
  if (request.method === 'POST' && pathname === '/api/guest-token') return guestToken(request);
  return new Response('Not found', { status: 404 });
});
// recipe:end

await askOwnEndpoints(`http://127.0.0.1:${server.addr.port}`);
await server.shutdown();
