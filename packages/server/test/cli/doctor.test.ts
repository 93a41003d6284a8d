import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli-entry.js';
import { HOST_ORIGIN, SCENARIOS, runScenario, type Scenario } from './doctor-scenarios.js';

const scenario = (title: string): Scenario => SCENARIOS.find((candidate) => candidate.title === title)!;

/** `{ credentials: 'PASS', setup: 'FAIL', ... }` from the doctor's lines. */
function statuses(stdout: string): Record<string, string> {
  return Object.fromEntries([...stdout.matchAll(/^(PASS|FAIL|SKIP) {2}(.+?) {2,}/gm)].map(([, status, name]) => [name!.trim(), status!]));
}

const ALL_ASTRATO = ['credentials', 'setup', 'cors', 'session cookie', 'framing', 'clock'];
const passingExcept = (failing: Record<string, string>) => Object.fromEntries(ALL_ASTRATO.map((name) => [name, failing[name] ?? 'PASS']));

describe('oemkit doctor', () => {
  it('passes every check and exits 0 against a tenant set up for a cross-site host', async () => {
    const result = await runScenario(scenario('A healthy setup (Astrato and DataBrain)'));
    expect(result.stderr).toBe('');
    expect(statuses(result.stdout)).toEqual({ ...passingExcept({}), 'api key': 'PASS', 'guest token': 'PASS' });
    expect(result.stdout).toContain('All 8 checks passed.');
    expect(result.code).toBe(0);
    // It really went through the tenant: a token, a setup for the fake user, one redemption.
    expect(result.astrato.counts).toMatchObject({ tokensIssued: 1, ticketsIssued: 1, ticketsRedeemed: 1 });
    expect(result.astrato.users().map((user) => user.email)).toEqual(['oemkit-doctor@example.invalid']);
    expect(result.databrain.tokens()).toMatchObject([{ version: 'v2', request: { dataAppName: 'Sales App', expiryTime: 60_000 } }]);
  });

  it('sends the preflight and the credentialed redemption with the host origin, as a browser would', async () => {
    const result = await runScenario(scenario('A healthy setup (Astrato and DataBrain)'));
    const redemptions = result.astrato.calls.filter((call) => call.path.startsWith('/auth/proxy/oem/ticket/'));
    expect(redemptions.map((call) => [call.method, call.headers.origin])).toEqual([['OPTIONS', HOST_ORIGIN], ['GET', HOST_ORIGIN]]);
    expect(redemptions[0]!.headers['access-control-request-method']).toBe('GET');
  });

  const faults: [string, Record<string, string>, RegExp][] = [
    ['Wrong client secret', { credentials: 'FAIL', setup: 'SKIP', cors: 'SKIP', 'session cookie': 'SKIP' }, /fix: check ASTRATO_CLIENT_ID and ASTRATO_CLIENT_SECRET/],
    ['A group Astrato does not know', { setup: 'FAIL', cors: 'SKIP', 'session cookie': 'SKIP' }, /fix: Astrato does not know Viewrs/],
    ['No group for the test user', { setup: 'FAIL' }, /a new user with no group has no access/],
    ['CORS does not allow the host origin', { cors: 'FAIL' }, /GET answered 200 without Access-Control-Allow-Origin/],
    ['A session cookie without SameSite=None', { 'session cookie': 'FAIL' }, /SameSite=Lax.*the iframe never sends it/],
    ['A session cookie that is not Partitioned', { 'session cookie': 'FAIL' }, /not Partitioned; browsers that block third-party cookies/],
    ["Framing refused by frame-ancestors 'self'", { framing: 'FAIL' }, /may not frame the embed page \(frame-ancestors 'self'\)/],
    ['Framing refused by X-Frame-Options: SAMEORIGIN', { framing: 'FAIL' }, /X-Frame-Options: SAMEORIGIN/],
    ["Astrato's clock five minutes ahead", { clock: 'FAIL' }, /this machine's clock is 300 s behind Astrato's \(limit 30 s\)/],
  ];
  for (const [title, failing, message] of faults) {
    it(`fails only what breaks, and says what to do: ${title}`, async () => {
      const result = await runScenario(scenario(title));
      expect(statuses(result.stdout)).toEqual(passingExcept(failing));
      expect(result.stdout).toMatch(message);
      expect(result.code).toBe(1);
    });
  }

  it('names a refused DataBrain API key and skips the guest token', async () => {
    const result = await runScenario(scenario('A DataBrain API key that is refused'));
    expect(statuses(result.stdout)).toEqual({ 'api key': 'FAIL', 'guest token': 'SKIP' });
    expect(result.code).toBe(1);
  });

  it('names a data app DataBrain does not have', async () => {
    const result = await runScenario(scenario('A data app DataBrain does not have'));
    expect(statuses(result.stdout)).toEqual({ 'api key': 'PASS', 'guest token': 'FAIL' });
    expect(result.stdout).toContain('fix: DataBrain has no data app Sales (v2)');
    expect(result.code).toBe(1);
  });

  it('never prints a secret, a token or the ticket, whatever fails', async () => {
    for (const each of SCENARIOS) {
      const result = await runScenario(each);
      const printed = result.stdout + result.stderr;
      for (const secret of ['doctor-secret-value', 'a-rotated-secret-value', 'doctor-api-key-value', 'a-revoked-api-key-value']) expect(printed).not.toContain(secret);
      expect(printed).not.toMatch(/eyJ/);
      const tickets = result.astrato.calls.flatMap((call) => /^\/auth\/proxy\/oem\/ticket\/([^/]+)$/.exec(call.path)?.[1] ?? []);
      for (const ticket of tickets) expect(printed).not.toContain(ticket);
    }
  });

  it('prints JSON with --json', async () => {
    const result = await runScenario({ ...scenario('CORS does not allow the host origin'), args: ['--group', 'Viewers', '--json'] });
    const { ok, checks } = JSON.parse(result.stdout) as { ok: boolean; checks: { name: string; status: string; fix?: string }[] };
    expect(ok).toBe(false);
    expect(checks.find((check) => check.name === 'cors')).toMatchObject({ status: 'fail', fix: expect.stringContaining('ask Astrato to allow https://app.example.com') });
  });

  it('asks for everything missing at once, with exit code 2', async () => {
    let stderr = '';
    const code = await runCli(['doctor', '--host-origin', 'https://app.example.com/page'], { env: { ASTRATO_CLIENT_ID: 'id' }, stdout: () => {}, stderr: (text) => (stderr += text) });
    expect(code).toBe(2);
    expect(stderr).toContain(
      'oemkit: --host-origin (or OEMKIT_HOST_ORIGIN) must be an origin such as https://app.example.com, with no path; doctor needs --embed-link (or ASTRATO_EMBED_LINK); set ASTRATO_CLIENT_SECRET in the environment',
    );
    let none = '';
    expect(await runCli(['doctor'], { env: {}, stdout: () => {}, stderr: (text) => (none += text) })).toBe(2);
    expect(none).toContain('set ASTRATO_CLIENT_ID and ASTRATO_CLIENT_SECRET, or DATABRAIN_API_KEY, in the environment');
  });
});
