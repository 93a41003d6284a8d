/**
 * The fault matrix again, for what a call tells the host rather than what it throws: every log
 * line (through a real pino, so everything pino would write is read) and every span (name,
 * attributes, events, status) is searched for the same secrets, in the same encodings, as the
 * errors are in fault-matrix.test.ts, and for the user's email and the redirect's query.
 */
import { Writable } from 'node:stream';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import pino from 'pino';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AstratoClient, createTicketHandler, DataBrainClient, type AstratoClientOptions, type DataBrainClientOptions } from '../../src/index.js';
import type { FaultAction } from '../../src/testing.js';
import { API_KEY, CALLS, CALL_NAMES, CLIENT_ID, CLIENT_SECRET, faultRows, forms, prepare, startMatrixEmulators, type Outcome } from '../support/fault-matrix.mjs';

const EMAIL = 'ana@acme.test';
const { emulators, urls, clearFaults, close } = await startMatrixEmulators();

const lines: string[] = [];
const logger = pino(
  { level: 'debug' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  }),
);
const exporter = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

/** The clients of the matrix, each given the logger and the tracer provider. */
const observed = {
  AstratoClient: class extends AstratoClient {
    constructor(options: AstratoClientOptions) {
      super({ ...options, logger, tracerProvider });
    }
  },
  DataBrainClient: class extends DataBrainClient {
    constructor(options: DataBrainClientOptions) {
      super({ ...options, logger, tracerProvider });
    }
  },
};

/** What spans told the host, as an exporter sees them. */
function traced(): string {
  return JSON.stringify(exporter.getFinishedSpans().map(({ name, attributes, events, status }) => ({ name, attributes, events, status })));
}

/** Everything the host was told: log lines as pino wrote them, and spans. */
function told(): string {
  return [...lines, traced()].join('\n');
}

/**
 * The secrets of a call and their encodings found in `text`, and the email and the redirect's
 * query unless `personal` allows them (a handler's refusal quotes oemkit's error message, which
 * may quote what the vendor said about the user, as the error itself does).
 */
function leaks(secrets: readonly string[], text = told(), personal = false): string[] {
  const forbidden = [...secrets, `${CLIENT_ID}:${CLIENT_SECRET}`].flatMap(forms);
  const words = personal ? [] : [EMAIL, 'from=oemkit'];
  return [...forbidden.filter((form) => text.includes(form)), ...words.filter((word) => text.includes(word))];
}

afterAll(close);
beforeEach(() => {
  clearFaults();
  lines.length = 0;
  exporter.reset();
});

// Slow bodies carry no vendor text: the matrix itself covers them. They are the rows whose calls
// end on the body's pace or size, a TIMEOUT or an INVALID_RESPONSE.
const endsOnBody = (outcome: Outcome) => outcome !== 'succeeds' && (outcome.code === 'TIMEOUT' || outcome.code === 'INVALID_RESPONSE');
const rows = faultRows(urls).filter((row) => !(row.calls ?? CALL_NAMES).some((call) => endsOnBody(row.outcome(call))));

describe.each(rows)('a vendor that answers with: $name', (row) => {
  it.each(row.calls ?? CALL_NAMES)('%s logs and traces no secret, email or query', async (call) => {
    const prepared = await prepare(call, observed, urls);
    emulators[CALLS[call].vendor].faults.add({ path: CALLS[call].path, action: row.action(prepared.credential) as FaultAction });
    await prepared.run().catch(() => {});
    expect(lines.length).toBeGreaterThan(0);
    expect(exporter.getFinishedSpans().length).toBeGreaterThan(0);
    expect(leaks(prepared.secrets)).toEqual([]);
  });
});

describe('a vendor that echoes secrets where a call succeeds or is retried', () => {
  it('keeps no correlation id that echoes the client secret on a successful token answer', async () => {
    const token = 'opaque-m2m-token-value-Rt44';
    const json = { access_token: token, expires_in: Date.now() + 600_000 };
    emulators.astrato.faults.add({ path: '/auth/proxy/m2m/token', action: { json, headers: { 'x-correlation-id': CLIENT_SECRET } } });
    const prepared = await prepare('token', observed, urls);
    await prepared.run();
    expect(told()).toContain('oemkit.token.fetched');
    expect(leaks([CLIENT_SECRET, token])).toEqual([]);
  });

  it('keeps no correlation id that echoes what the answer hands out: the m2m token, the ticket, the guest token', async () => {
    const token = 'opaque-m2m-token-value-Rt44';
    const ticket = 'opaque-ticket-value-Kp93';
    const guestToken = '3f2a9c4e-0b1d-4c8e-9a7f-2d6b5e1c0a93';
    emulators.astrato.faults.add({ path: '/auth/proxy/m2m/token', times: 1, action: { json: { access_token: token, expires_in: Date.now() + 600_000 }, headers: { 'x-correlation-id': token } } });
    emulators.astrato.faults.add({ path: '/oem/setup', times: 1, action: { json: { ticket }, headers: { 'x-correlation-id': ticket.toUpperCase() } } });
    emulators.databrain.faults.add({ path: '/api/v2/guest-token/create', times: 1, action: { json: { token: guestToken }, headers: { 'x-correlation-id': guestToken } } });
    const astrato = new observed.AstratoClient({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: urls.astrato });
    await astrato.setup({ email: EMAIL, groupNames: ['Viewers'] });
    await new observed.DataBrainClient({ apiKey: API_KEY, baseUrl: urls.databrain }).createGuestToken({ clientId: 'acme', dataAppName: 'Sales App' });
    expect(exporter.getFinishedSpans()).toHaveLength(3);
    expect(lines.filter((line) => line.includes('oemkit.request.finished'))).toHaveLength(3);
    expect(leaks([token, ticket, guestToken])).toEqual([]);
  });

  it('keeps no secret in the retries of a 503 that echoes the token in every field', async () => {
    const prepared = await prepare('setup', observed, urls);
    emulators.astrato.faults.add({ path: '/oem/setup', action: { echo: prepared.credential, status: 503 } });
    await expect(prepared.run()).rejects.toMatchObject({ code: 'API_ERROR' });
    expect(told()).toContain('oemkit.request.retry');
    expect(leaks(prepared.secrets)).toEqual([]);
  });

  it('keeps no secret in the ticket handler’s refusal of a setup that echoed the token, and no email in its spans', async () => {
    const client = new observed.AstratoClient({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: urls.astrato, retry: 0 });
    const token = await client.getAccessToken();
    emulators.astrato.faults.add({ path: '/oem/setup', action: { echo: `${token} for ${EMAIL}`, status: 502 } });
    const handler = createTicketHandler({ client, authorize: () => ({ email: EMAIL, groupNames: ['Viewers'] }), logger, rateLimit: false });
    const response = await handler(new Request('https://host.test/api/ticket', { method: 'POST' }));
    expect(response.status).toBe(503);
    expect(told()).toContain('oemkit.handler.refused');
    expect(leaks([token, CLIENT_SECRET], told(), true)).toEqual([]);
    expect(leaks([token, CLIENT_SECRET], traced())).toEqual([]);
  });
});
