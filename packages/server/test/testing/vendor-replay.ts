/**
 * Replays one request body found in a vendor's documents or official samples against oemkit's
 * client and, separately, the emulator, and says what each did. The emulated tenant has what the
 * body names (its credentials, groups, workspace or data app): the replay is about the body's
 * shape, not about a tenant's contents.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { AstratoClient, DataBrainClient, isOemkitError } from '../../src/index.js';
import { createAstratoEmulator, createDataBrainEmulator, type Emulator } from '../../src/testing.js';

export interface VendorRequestFixture {
  /** The file's name, without `.json`. */
  name: string;
  /** The document or sample, and the section, the body comes from. */
  source: string;
  /** `POST <path>`. */
  request: string;
  body: Record<string, unknown>;
}

export interface ReplayOutcome {
  fixture: VendorRequestFixture;
  /** The body the client sent, or `undefined` when it refused to send. */
  sent: unknown;
  client: string;
  emulatorStatus: number;
  emulator: string;
}

const BASE = 'http://vendor.replay.test';
const FIXTURES = new URL('../fixtures/vendor-requests/', import.meta.url);

export function readFixtures(): VendorRequestFixture[] {
  return readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ name: file.replace(/\.json$/, ''), ...(JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')) as Omit<VendorRequestFixture, 'name'>) }));
}

const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** What a client call did: sent the body (read back from the emulator's log) or refused it. */
async function clientOutcome(emulator: Emulator, call: () => Promise<unknown>): Promise<{ sent: unknown; client: string }> {
  const before = emulator.calls.length;
  let answer = '';
  try {
    await call();
  } catch (error) {
    if (isOemkitError(error, 'VALIDATION_ERROR')) return { sent: undefined, client: `refuses: ${error.message}` };
    if (!isOemkitError(error)) throw error;
    answer = ` (answered ${error.code})`;
  }
  if (emulator.calls.length === before) return { sent: undefined, client: 'sends nothing' };
  return { sent: JSON.parse(emulator.calls.at(-1)!.body) as unknown, client: `sends it${answer}` };
}

/** What the emulator answered the body sent as is, without oemkit's client. */
async function emulatorOutcome(emulator: Emulator, request: Request): Promise<{ emulatorStatus: number; emulator: string }> {
  const response = await emulator.handle(request);
  const unknown = emulator.calls.at(-1)!.unknownKeys ?? [];
  if (response.ok) return { emulatorStatus: response.status, emulator: `${response.status}${unknown.length ? `, unknown keys: ${unknown.join(', ')}` : ''}` };
  const body = (await response.json()) as { code?: string; message?: string; error?: { code?: string; message?: string } };
  const error = body.error ?? body;
  return { emulatorStatus: response.status, emulator: `${response.status} ${error.code}: ${error.message}` };
}

export async function replay(fixture: VendorRequestFixture): Promise<ReplayOutcome> {
  const path = fixture.request.replace(/^POST /, '');
  const { body } = fixture;
  const json = (headers: Record<string, string> = {}) => ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (path === '/auth/proxy/m2m/token') {
    const credentials = { clientId: String(body['clientId']), clientSecret: String(body['clientSecret']) };
    const emulator = createAstratoEmulator(credentials);
    const client = await clientOutcome(emulator, () => new AstratoClient({ ...credentials, baseUrl: BASE, fetch: emulator.fetch, retry: 0 }).getAccessToken());
    return { fixture, ...client, ...(await emulatorOutcome(emulator, new Request(`${BASE}${path}`, json()))) };
  }
  if (path === '/oem/setup') {
    const groups = [...strings(body['groupIds']).map((id) => ({ id, name: `group ${id}` })), ...strings(body['groupNames']).map((name) => ({ id: `id of ${name}`, name }))];
    const emulator = createAstratoEmulator({ groups });
    const astrato = new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, baseUrl: BASE, fetch: emulator.fetch, retry: 0 });
    const client = await clientOutcome(emulator, () => astrato.setup(body as never));
    const token = await astrato.getAccessToken();
    return { fixture, ...client, ...(await emulatorOutcome(emulator, new Request(`${BASE}${path}`, json({ authorization: `Bearer ${token}` })))) };
  }
  const version = /^\/api\/(v1|v2)\/guest-token\/create$/.exec(path)?.[1] as 'v1' | 'v2' | undefined;
  if (!version) throw new Error(`${fixture.name}: no replay for ${fixture.request}`);
  const emulator = createDataBrainEmulator({ workspaces: [text(body['workspaceName']) ?? 'Sales'], dataApps: [text(body['dataAppName']) ?? 'Sales App'] });
  const databrain = new DataBrainClient({ apiKey: emulator.apiKey, baseUrl: BASE, apiVersion: version, fetch: emulator.fetch, retry: 0 });
  const client = await clientOutcome(emulator, () => databrain.createGuestToken(body as never));
  return { fixture, ...client, ...(await emulatorOutcome(emulator, new Request(`${BASE}${path}`, json({ authorization: `Bearer ${emulator.apiKey}` })))) };
}

const cell = (value: string) => value.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The replay table docs/testing.md includes. */
export function replayTable(outcomes: readonly ReplayOutcome[]): string {
  const rows = outcomes.map(({ fixture, client, emulator }) =>
    `| \`${fixture.request}\` \`${cell(JSON.stringify(fixture.body))}\` | ${cell(fixture.source)} | ${cell(client)} | ${cell(emulator)} |`,
  );
  return ['| body | source | client | emulator |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
