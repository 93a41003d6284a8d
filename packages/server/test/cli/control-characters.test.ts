import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli-entry.js';
import { createAstratoEmulator, type RunningEmulator } from '../../src/testing.js';

const astrato = createAstratoEmulator();
let server: RunningEmulator;
beforeAll(async () => {
  server = await astrato.listen();
});
afterAll(() => server.close());

async function cli(args: string[]) {
  let all = '';
  const code = await runCli(args, {
    env: { ASTRATO_URL: server.url, ASTRATO_CLIENT_ID: astrato.clientId, ASTRATO_CLIENT_SECRET: astrato.clientSecret },
    stdout: (text) => (all += text),
    stderr: (text) => (all += text),
  });
  return { code, all };
}

// Anything a terminal acts on rather than shows: C0 (ESC, BEL, CR, backspace...), DEL, C1 (CSI
// U+009B), and the bidirectional overrides that reorder what a reader sees.
const RAW_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('the oemkit command line and terminal control characters', () => {
  it('prints no raw ESC sequence, BEL, CR, C1 control or bidi override from vendor text', async () => {
    astrato.faults.add({ path: '/oem/setup', times: 1, action: { echo: '\u001b]0;pwned\u0007\u001b[2J\rOK\u009b31m \u202egnp.exe', status: 400 } });
    const result = await cli(['ticket', '--email', 'ana@example.com', '--group', 'Viewers']);
    expect(result.code).toBe(1);
    expect(result.all).not.toMatch(RAW_CONTROLS);
    expect(result.all).toContain('\\u202egnp.exe');
  });

  it('escapes visibly what a typed argument brings, as the argument parser repeats it raw', async () => {
    const result = await cli(['token', '--\u001b[31mred\u0007\r']);
    expect(result.code).toBe(2);
    expect(result.all).not.toMatch(RAW_CONTROLS);
    expect(result.all).toContain("'--\\u001b[31mred\\u0007\\r'");
  });

  it('keeps JSON output valid, its strings unchanged once parsed, and free of raw controls', async () => {
    astrato.faults.add({ path: '/oem/setup', times: 1, action: { echo: 'a\u2066b\u202ec', status: 400 } });
    const result = await cli(['ticket', '--email', 'ana@example.com', '--group', 'Viewers', '--json']);
    expect(result.all).not.toMatch(RAW_CONTROLS);
    expect((JSON.parse(result.all) as { error: { message: string } }).error.message).toContain('a\u2066b\u202ec');
  });
});
