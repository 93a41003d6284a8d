import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@oemkit/test-support/net';
import { runCli } from '../../src/cli-entry.js';
import { createAstratoEmulator, createDataBrainEmulator, type RunningEmulator } from '../../src/testing.js';

const astrato = createAstratoEmulator({ clientSecret: 'cli-secret-value' });
const databrain = createDataBrainEmulator({ apiKey: 'cli-api-key-value' });
let astratoServer: RunningEmulator;
let databrainServer: RunningEmulator;
beforeAll(async () => {
  [astratoServer, databrainServer] = await Promise.all([astrato.listen(), databrain.listen()]);
});
afterAll(async () => {
  await Promise.all([astratoServer.close(), databrainServer.close()]);
});

async function cli(args: string[], env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    env: {
      ASTRATO_URL: astratoServer.url,
      ASTRATO_CLIENT_ID: astrato.clientId,
      ASTRATO_CLIENT_SECRET: astrato.clientSecret,
      DATABRAIN_URL: databrainServer.url,
      DATABRAIN_API_KEY: databrain.apiKey,
      ...env,
    },
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr, all: stdout + stderr };
}

describe('oemkit token', () => {
  it('says the credentials work and when the token expires, without printing it', async () => {
    const result = await cli(['token']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Astrato credentials work for http:\/\/127\.0\.0\.1:\d+\. The token is valid until \d{4}-\d\d-\d\dT/);
    expect(result.all).not.toMatch(/eyJ/);
    expect(result.all).not.toContain('cli-secret-value');
  });

  it('prints JSON with --json', async () => {
    const result = await cli(['token', '--json']);
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, baseUrl: astratoServer.url, expiresAt: expect.any(String) });
  });

  it('fails with the error code and no secret when the secret is wrong', async () => {
    const result = await cli(['token', '--json'], { ASTRATO_CLIENT_SECRET: 'wrong-secret-value' });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'AUTHENTICATION_ERROR' } });
    expect(result.all).not.toContain('wrong-secret-value');
  });

  it('asks for missing credentials with a usage error', async () => {
    const result = await cli(['token'], { ASTRATO_CLIENT_ID: undefined });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('set ASTRATO_CLIENT_ID in the environment');
  });

  it('reports every missing variable at once', async () => {
    const result = await cli(['token'], { ASTRATO_CLIENT_ID: undefined, ASTRATO_CLIENT_SECRET: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('oemkit: set ASTRATO_CLIENT_ID and ASTRATO_CLIENT_SECRET in the environment\nRun oemkit --help for usage.\n');
  });

  it('shows the address and code of a refused connection, and no secret', async () => {
    // A loopback port nothing listens on.
    const port = await freePort();
    const result = await cli(['token'], { ASTRATO_URL: `http://127.0.0.1:${port}` });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `oemkit: POST http://127.0.0.1:${port}/auth/proxy/m2m/token failed before an answer arrived: fetch failed\n  because: connect ECONNREFUSED 127.0.0.1:${port}\n`,
    );
    expect(result.all).not.toContain('cli-secret-value');
    const json = await cli(['token', '--json'], { ASTRATO_URL: `http://127.0.0.1:${port}` });
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'CONNECTION_ERROR', causes: [`connect ECONNREFUSED 127.0.0.1:${port}`] } });
  });

  it('names ASTRATO_URL when it has a path, with the origin to use', async () => {
    const result = await cli(['token'], { ASTRATO_URL: 'https://app.astrato.io/app' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('oemkit: Invalid environment: ASTRATO_URL: must be an origin such as https://app.astrato.io, with no path\n');
  });
});

describe('oemkit ticket', () => {
  it('mints a ticket with groups and typed row-level parameters', async () => {
    const result = await cli(['ticket', '--email', 'ana@example.com', '--group', 'Viewers', '--param', 'org_id=ID87', '--param', 'seats:int=12', '--json']);
    expect(result.code).toBe(0);
    const { ticket, expiresAt } = JSON.parse(result.stdout) as { ticket: string; expiresAt: string };
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    const redeemed = await fetch(`${astratoServer.url}/auth/proxy/oem/ticket/${ticket}?embed`);
    expect(await redeemed.json()).toMatchObject({ email: 'ana@example.com', groupIds: ['grp-viewers'] });
  });

  it('explains a bad parameter and a missing email', async () => {
    expect((await cli(['ticket', '--email', 'a@b.co', '--param', 'seats:int=1.5'])).stderr).toContain('seats: an int parameter needs an integer');
    expect((await cli(['ticket'])).code).toBe(2);
  });

  it('reports a missing email together with missing variables', async () => {
    const result = await cli(['ticket'], { ASTRATO_CLIENT_SECRET: undefined });
    expect(result.stderr).toContain('ticket needs --email; set ASTRATO_CLIENT_SECRET in the environment');
  });
});

describe('oemkit databrain-token', () => {
  it('mints a v2 token with --data-app and a v1 token with --workspace', async () => {
    const v2 = await cli(['databrain-token', '--client-id', 'acme', '--data-app', 'Sales App']);
    expect(v2.code).toBe(0);
    expect(v2.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
    const v1 = await cli(['databrain-token', '--client-id', 'acme', '--workspace', 'Sales', '--json']);
    expect(JSON.parse(v1.stdout)).toEqual({ token: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(databrain.tokens().map((token) => token.version)).toEqual(['v2', 'v1']);
  });

  it('needs exactly one of --data-app and --workspace', async () => {
    expect((await cli(['databrain-token', '--client-id', 'acme'])).code).toBe(2);
    expect((await cli(['databrain-token', '--client-id', 'acme', '--data-app', 'a', '--workspace', 'b'])).code).toBe(2);
  });

  it('reports every missing option and variable at once', async () => {
    const result = await cli(['databrain-token'], { DATABRAIN_API_KEY: undefined });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'databrain-token needs --client-id; databrain-token needs exactly one of --data-app (v2) or --workspace (v1); set DATABRAIN_API_KEY in the environment',
    );
  });

  it('refuses an --expiry under a minute, saying it is in milliseconds', async () => {
    const result = await cli(['databrain-token', '--client-id', 'acme', '--data-app', 'Sales App', '--expiry', '3600']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('expiryTime: is in milliseconds and must be at least 60000');
  });

  it('never shows the API key, even when DataBrain refuses it', async () => {
    const result = await cli(['databrain-token', '--client-id', 'acme', '--data-app', 'Sales App'], { DATABRAIN_API_KEY: 'refused-key-value' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/POST https?:\/\/\S+\/guest-token\/create answered 401/);
    expect(result.all).not.toContain('refused-key-value');
  });
});

describe('oemkit usage', () => {
  it('prints help, and refuses unknown commands and options', async () => {
    expect((await cli(['--help'])).stdout).toContain('Usage: npx @oemkit/server <command>');
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['token', '--nope'])).code).toBe(2);
  });
});
