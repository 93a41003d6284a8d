/**
 * A tenant set up right for a host on another site, and one fault per check that breaks it: the
 * doctor's tests assert on each, and docs/troubleshooting.md shows the doctor's output for each.
 */
import { runCli } from '../../src/cli-entry.js';
import { createAstratoEmulator, createDataBrainEmulator, type AstratoEmulatorOptions } from '../../src/testing.js';

export const HOST_ORIGIN = 'https://app.example.com';

/** Cross-site and healthy: the cookie a cross-site iframe keeps, framing allowed for the host. */
export const HEALTHY_ASTRATO: AstratoEmulatorOptions = {
  clientSecret: 'doctor-secret-value',
  sessionCookie: { sameSite: 'None', secure: true, partitioned: true },
  framing: { frameAncestors: `'self' ${HOST_ORIGIN}` },
};

export interface Scenario {
  title: string;
  vendor: 'astrato' | 'databrain' | 'both';
  astrato?: AstratoEmulatorOptions;
  args?: string[];
  env?: Record<string, string>;
}

export const SCENARIOS: Scenario[] = [
  { title: 'A healthy setup (Astrato and DataBrain)', vendor: 'both' },
  { title: 'Wrong client secret', vendor: 'astrato', env: { ASTRATO_CLIENT_SECRET: 'a-rotated-secret-value' } },
  { title: 'A group Astrato does not know', vendor: 'astrato', args: ['--group', 'Viewrs'] },
  { title: 'No group for the test user', vendor: 'astrato', args: [] },
  { title: 'CORS does not allow the host origin', vendor: 'astrato', astrato: { ...HEALTHY_ASTRATO, allowedOrigins: ['https://other.example.com'] } },
  { title: 'A session cookie without SameSite=None', vendor: 'astrato', astrato: { ...HEALTHY_ASTRATO, sessionCookie: { sameSite: 'Lax', secure: true } } },
  { title: 'A session cookie that is not Partitioned', vendor: 'astrato', astrato: { ...HEALTHY_ASTRATO, sessionCookie: { sameSite: 'None', secure: true } } },
  { title: "Framing refused by frame-ancestors 'self'", vendor: 'astrato', astrato: { ...HEALTHY_ASTRATO, framing: { frameAncestors: "'self'" } } },
  { title: 'Framing refused by X-Frame-Options: SAMEORIGIN', vendor: 'astrato', astrato: { ...HEALTHY_ASTRATO, framing: { xFrameOptions: 'SAMEORIGIN' } } },
  { title: "Astrato's clock five minutes ahead", vendor: 'astrato', astrato: { ...HEALTHY_ASTRATO, clockSkewMs: 5 * 60_000 } },
  { title: 'A DataBrain API key that is refused', vendor: 'databrain', env: { DATABRAIN_API_KEY: 'a-revoked-api-key-value' } },
  { title: 'A data app DataBrain does not have', vendor: 'databrain', args: ['--data-app', 'Sales'] },
];

/** The command line a reader would type for a scenario. */
export function scenarioArgs(scenario: Scenario): string[] {
  const astrato = scenario.vendor !== 'databrain' ? ['--host-origin', HOST_ORIGIN, '--embed-link', '$ASTRATO_URL/embed/sales'] : [];
  const group = scenario.vendor !== 'databrain' && !scenario.args ? ['--group', 'Viewers'] : [];
  const dataApp = scenario.vendor !== 'astrato' && !scenario.args?.includes('--data-app') ? ['--data-app', 'Sales App'] : [];
  return ['doctor', ...astrato, ...group, ...dataApp, ...(scenario.args ?? [])];
}

/** Runs `oemkit doctor` against fresh emulators set up as the scenario says. */
export async function runScenario(scenario: Scenario) {
  const astrato = createAstratoEmulator(scenario.astrato ?? HEALTHY_ASTRATO);
  const databrain = createDataBrainEmulator({ apiKey: 'doctor-api-key-value' });
  const [astratoServer, databrainServer] = await Promise.all([astrato.listen(), databrain.listen()]);
  const env: Record<string, string | undefined> = {
    ...(scenario.vendor !== 'databrain' ? { ASTRATO_URL: astratoServer.url, ASTRATO_CLIENT_ID: astrato.clientId, ASTRATO_CLIENT_SECRET: astrato.clientSecret } : {}),
    ...(scenario.vendor !== 'astrato' ? { DATABRAIN_URL: databrainServer.url, DATABRAIN_API_KEY: databrain.apiKey } : {}),
    ...scenario.env,
  };
  let stdout = '';
  let stderr = '';
  try {
    const args = scenarioArgs(scenario).map((arg) => arg.replace('$ASTRATO_URL', astratoServer.url));
    const code = await runCli(args, { env, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
    return { code, stdout, stderr, astrato, databrain, urls: { astrato: astratoServer.url, databrain: databrainServer.url } };
  } finally {
    await Promise.all([astratoServer.close(), databrainServer.close()]);
  }
}
