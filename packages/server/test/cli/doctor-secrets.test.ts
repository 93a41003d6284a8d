import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli-entry.js';
import { createAstratoEmulator, createDataBrainEmulator, type AstratoEmulatorOptions, type Fault, type RunningEmulator } from '../../src/testing.js';
import { HEALTHY_ASTRATO, HOST_ORIGIN } from './doctor-scenarios.js';

const CLIENT_SECRET = 'doctor-secret-value-0123456789';
const API_KEY = 'doctor-api-key-value-0123456789';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** Runs `oemkit doctor` (human, then --json) against an Astrato emulator with `faults`, and a DataBrain one. */
async function doctor(faults: Fault[], options: AstratoEmulatorOptions = {}, fetchVia: typeof fetch = fetch) {
  const astrato = createAstratoEmulator({ ...HEALTHY_ASTRATO, clientSecret: CLIENT_SECRET, ...options });
  const databrain = createDataBrainEmulator({ apiKey: API_KEY });
  const [astratoServer, databrainServer] = await Promise.all([astrato.listen(), databrain.listen()]);
  running.push(astratoServer, databrainServer);
  const env = { ASTRATO_URL: astratoServer.url, ASTRATO_CLIENT_ID: astrato.clientId, ASTRATO_CLIENT_SECRET: CLIENT_SECRET, DATABRAIN_URL: databrainServer.url, DATABRAIN_API_KEY: API_KEY };
  const args = ['doctor', '--host-origin', HOST_ORIGIN, '--embed-link', `${astratoServer.url}/embed/sales`, '--group', 'Viewers', '--data-app', 'Sales App'];
  let output = '';
  const context = { env, fetch: fetchVia, stdout: (text: string) => (output += text), stderr: (text: string) => (output += text) };
  for (const json of [false, true]) {
    for (const fault of faults) astrato.faults.add({ ...fault, times: 1 });
    await runCli(json ? [...args, '--json'] : args, context);
  }
  return { output };
}

describe('oemkit doctor and a vendor that echoes secrets in what it quotes', () => {
  it('never prints the client secret or API key a redemption echoes in Access-Control-Allow-Origin', async () => {
    const redemption: Fault = { method: 'GET', path: /^\/auth\/proxy\/oem\/ticket\//, action: { json: {}, headers: { 'access-control-allow-origin': `${CLIENT_SECRET} ${API_KEY}` } } };
    const { output } = await doctor([redemption]);
    expect(output).toContain('Access-Control-Allow-Origin: [REDACTED]');
    expect(output).not.toContain(CLIENT_SECRET);
    expect(output).not.toContain(API_KEY);
  });

  it('never prints the ticket a redemption reflects from its URL into Access-Control-Allow-Origin', async () => {
    const tickets: string[] = [];
    // A vendor that answers every redemption with its own URL as the allowed origin.
    const reflecting: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      const answer = await fetch(input, init);
      if (!url.includes('/auth/proxy/oem/ticket/') || init?.method === 'OPTIONS') return answer;
      tickets.push(decodeURIComponent(new URL(url).pathname.split('/').pop()!));
      const headers = new Headers(answer.headers);
      headers.set('access-control-allow-origin', url);
      return new Response(answer.body, { status: answer.status, headers });
    };
    const { output } = await doctor([], {}, reflecting);
    expect(tickets).toHaveLength(2);
    expect(output).toContain('Access-Control-Allow-Origin: http://127.0.0.1');
    for (const ticket of tickets) expect(output).not.toContain(ticket);
  });

  it('never prints the client secret an embed page echoes in its framing headers', async () => {
    const page: Fault = { path: /^\/embed\//, action: { json: {}, headers: { 'x-frame-options': CLIENT_SECRET } } };
    const csp: Fault = { path: /^\/embed\//, action: { json: {}, headers: { 'content-security-policy': `frame-ancestors https://${CLIENT_SECRET}.example.com` } } };
    for (const fault of [page, csp]) {
      const { output } = await doctor([fault]);
      expect(output).toContain('[REDACTED]');
      expect(output).not.toContain(CLIENT_SECRET);
    }
  });

  it('never prints the value of a session cookie set without a name', async () => {
    const sessionValue = 'sessionvalue-abcdef0123456789';
    const redemption: Fault = {
      method: 'GET',
      path: /^\/auth\/proxy\/oem\/ticket\//,
      action: { json: {}, headers: { 'access-control-allow-origin': HOST_ORIGIN, 'access-control-allow-credentials': 'true', 'set-cookie': `${sessionValue}; SameSite=None; Secure; Partitioned` } },
    };
    const { output } = await doctor([redemption]);
    expect(output).toMatch(/a cookie without a name: SameSite=None, Secure, Partitioned/);
    expect(output).not.toContain(sessionValue);
  });
});
