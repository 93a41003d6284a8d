// Fastify 5 on Node.
import { askOwnEndpoints } from './self-check.js';
// recipe:start fastify
import Fastify from 'fastify';
import { toNodeHandler } from '@oemkit/server/node';
import { createEndpoints } from './backend.js';

const { ticket, guestToken } = createEndpoints(process.env);
const app = Fastify();
await app.register(async (oemkit) => {
  // In this scope only, Fastify leaves the body unread for oemkit, which reads the request itself.
  oemkit.removeAllContentTypeParsers();
  oemkit.addContentTypeParser('*', (_request, _payload, done) => done(null));
  for (const [path, handler] of [['/api/astrato-ticket', ticket], ['/api/guest-token', guestToken]]) {
    const listener = toNodeHandler(handler);
    oemkit.post(path, (request, reply) => {
      reply.hijack(); // oemkit writes the answer: Fastify must not send its own
      listener(request.raw, reply.raw);
    });
  }
});
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3000) });
// recipe:end

await askOwnEndpoints(`http://127.0.0.1:${app.server.address().port}`);
await app.close();
