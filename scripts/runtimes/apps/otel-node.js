// Not a recipe: the one check that needs @opentelemetry/api installed. With the host's provider
// registered through the API, the endpoints' vendor calls are recorded as spans, though oemkit
// never imports the API (it reads the registry the API keeps on globalThis).
import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createEndpoints } from './backend.js';

const exporter = new InMemorySpanExporter();
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
const { ticket, guestToken } = createEndpoints(process.env);
const ask = async (handler) => {
  const response = await handler(new Request('http://app.test/', { method: 'POST', headers: { cookie: 'session=ana' } }));
  return { status: response.status, body: await response.text() };
};
const answers = { ticket: await ask(ticket), guestToken: await ask(guestToken) };
const spans = exporter.getFinishedSpans().map((span) => span.name).sort();
const expected = ['POST /api/v2/guest-token/create', 'POST /auth/proxy/m2m/token', 'POST /oem/setup'];
if (JSON.stringify(spans) !== JSON.stringify(expected)) throw new Error(`spans ${JSON.stringify(spans)}, expected ${JSON.stringify(expected)}`);
console.log(JSON.stringify(answers));
