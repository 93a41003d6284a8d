// Express 5 on Node, with express.json() in front, as most apps have it.
import { askOwnEndpoints } from './self-check.js';
// recipe:start express
import express from 'express';
import { toNodeHandler } from '@oemkit/server/node';
import { createEndpoints } from './backend.js';

const { ticket, guestToken } = createEndpoints(process.env);
const app = express();
app.use(express.json()); // fine: oemkit takes the body Express parsed
app.post('/api/astrato-ticket', toNodeHandler(ticket));
app.post('/api/guest-token', toNodeHandler(guestToken));
const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
// recipe:end

await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject));
await askOwnEndpoints(`http://127.0.0.1:${server.address().port}`);
server.close();
