// Hono, served by Bun (the same app runs on Deno, Workers and Node's @hono/node-server).
import { askOwnEndpoints } from './self-check.js';
// recipe:start hono
import { Hono } from 'hono';
import { createEndpoints } from './backend.js';

const { ticket, guestToken } = createEndpoints(process.env);
const app = new Hono();
app.post('/api/astrato-ticket', (c) => ticket(c.req.raw));
app.post('/api/guest-token', (c) => guestToken(c.req.raw));
// recipe:end

const server = Bun.serve({ hostname: '127.0.0.1', port: Number(process.env.PORT ?? 3000), fetch: app.fetch });
await askOwnEndpoints(`http://127.0.0.1:${server.port}`);
await server.stop();
