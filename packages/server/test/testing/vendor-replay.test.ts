import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFixtures, replay, replayTable, type ReplayOutcome } from './vendor-replay.js';

const DOC = new URL('../../../../docs/testing.md', import.meta.url);
const START = '<!-- vendor-replay:start -->';
const END = '<!-- vendor-replay:end -->';
const REGENERATE = 'UPDATE_VENDOR_REPLAY=1 pnpm vitest run packages/server/test/testing/vendor-replay.test.ts';

let outcomes: ReplayOutcome[] = [];

beforeAll(async () => {
  outcomes = [];
  for (const fixture of readFixtures()) outcomes.push(await replay(fixture));
});

describe('request bodies from the vendors’ documents and official samples', () => {
  it('are kept as fixtures, each naming its source, one body per file', () => {
    const fixtures = readFixtures();
    expect(fixtures.length).toBeGreaterThanOrEqual(17);
    for (const fixture of fixtures) {
      expect(fixture.source, fixture.name).toMatch(/\S{3,}/);
      expect(fixture.request, fixture.name).toMatch(/^POST \//);
      expect(typeof fixture.body, fixture.name).toBe('object');
    }
  });

  it('reach the emulator exactly as written when the client sends them', () => {
    for (const { fixture, sent } of outcomes.filter((outcome) => outcome.sent !== undefined)) expect(sent, fixture.name).toEqual(fixture.body);
  });

  it('get the same verdict from the client and the emulator: neither refuses what the other accepts', () => {
    for (const { fixture, sent, client, emulatorStatus } of outcomes) {
      expect({ name: fixture.name, clientSends: sent !== undefined && !client.includes('answered') }).toEqual({ name: fixture.name, clientSends: emulatorStatus === 200 });
    }
  });

  it('include DataBrain’s documented allowedEmbeds and its demos’ extra keys, accepted and listed as unknown', () => {
    const byName = new Map(outcomes.map((outcome) => [outcome.fixture.name, outcome]));
    expect(byName.get('databrain-api-reference-allowed-embeds')).toMatchObject({ client: 'sends it', emulator: '200' });
    expect(byName.get('databrain-react-demo-metric-token')).toMatchObject({ client: 'sends it', emulator: '200, unknown keys: metricId, embedId' });
    expect(byName.get('databrain-react-demo-customer-context')).toMatchObject({ client: 'sends it', emulator: '200, unknown keys: params.customerContext' });
  });

  it(`match the replay table in docs/testing.md (regenerate: ${REGENERATE})`, () => {
    const doc = readFileSync(DOC, 'utf8');
    const start = doc.indexOf(START);
    const end = doc.indexOf(END);
    expect(start, `docs/testing.md needs ${START} and ${END}`).toBeGreaterThan(-1);
    const table = `${START}\n${replayTable(outcomes)}\n${END}`;
    if (process.env['UPDATE_VENDOR_REPLAY'] === '1') writeFileSync(DOC, doc.slice(0, start) + table + doc.slice(end + END.length));
    else expect(doc.slice(start, end + END.length), `the replay table is out of date: run ${REGENERATE}`).toBe(table);
  });
});
