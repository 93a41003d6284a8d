// Bun's own server, with its route table (Bun 1.2.3 and later).
import { askOwnEndpoints } from './self-check.js';
// recipe:start bun
import { createEndpoints } from './backend.js';

const { ticket, guestToken } = createEndpoints(process.env);
const server = Bun.serve({
  hostname: '127.0.0.1',
  port: Number(process.env.PORT ?? 3000),
  routes: {
    '/api/astrato-ticket': { POST: ticket },
    '/api/guest-token': { POST: guestToken },
  },
  fetch: () => new Response('Not found', { status: 404 }),
});
// recipe:end

await askOwnEndpoints(`http://127.0.0.1:${server.port}`);
await server.stop();
