// A Cloudflare Worker, bundled as wrangler bundles it and run on workerd through miniflare.
// recipe:start worker
import { createEndpoints } from './backend.js';

let endpoints; // one pair per isolate: the clients keep their m2m token cached across requests

export default {
  async fetch(request, env) {
    endpoints ??= createEndpoints(env);
    const { pathname } = new URL(request.url);
    if (pathname === '/api/astrato-ticket') return endpoints.ticket(request);
    if (pathname === '/api/guest-token') return endpoints.guestToken(request);
    return new Response('Not found', { status: 404 });
  },
};
// recipe:end
