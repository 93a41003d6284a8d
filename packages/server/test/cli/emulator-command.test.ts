import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '@oemkit/test-support/net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AstratoClient, DataBrainClient } from '../../src/index.js';
import { bundleForNode } from '../support/bundle-for-node.js';

let workDir: string;
let cliScript: string;

beforeAll(async () => {
  // The executable's own entry (src/cli.ts), bundled for plain node: the process under test is the `oemkit` a user runs.
  workDir = mkdtempSync(join(tmpdir(), 'oemkit-cli-'));
  cliScript = await bundleForNode(new URL('../../src/cli.ts', import.meta.url), workDir);
}, 60_000);
afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** Spawns `oemkit emulator` and resolves with the environment lines once all five are printed. */
async function startEmulatorCommand(args: string[] = []) {
  const child = spawn(process.execPath, [cliScript, 'emulator', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const env: Record<string, string> = {};
  for await (const line of createInterface({ input: child.stdout })) {
    const [name, ...value] = line.split('=');
    env[name!] = value.join('=');
    if (Object.keys(env).length === 5) break;
  }
  return { child, env, exit, stderr: () => stderr };
}

describe('oemkit emulator', () => {
  it('prints environment lines the other commands and clients read, and both emulators answer at them', async () => {
    const { child, env, exit } = await startEmulatorCommand();
    try {
      expect(Object.keys(env)).toEqual(['ASTRATO_URL', 'ASTRATO_CLIENT_ID', 'ASTRATO_CLIENT_SECRET', 'DATABRAIN_URL', 'DATABRAIN_API_KEY']);
      expect(env.ASTRATO_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const astrato = new AstratoClient({ baseUrl: env.ASTRATO_URL, clientId: env.ASTRATO_CLIENT_ID!, clientSecret: env.ASTRATO_CLIENT_SECRET! });
      const { ticket } = await astrato.setup({ email: 'ana@example.com', groupNames: ['Viewers'] });
      expect(ticket).toMatch(/^[0-9a-f-]{36}$/);
      const databrain = new DataBrainClient({ baseUrl: env.DATABRAIN_URL, apiKey: env.DATABRAIN_API_KEY! });
      expect((await databrain.createGuestToken({ clientId: 'acme', dataAppName: 'Sales App' })).token).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exit).toEqual({ code: 0, signal: null });
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`closes its servers and exits 0 on ${signal}`, async () => {
      const [astratoPort, databrainPort] = [await freePort(), await freePort()];
      const { child, env, exit } = await startEmulatorCommand(['--astrato-port', String(astratoPort), '--databrain-port', String(databrainPort)]);
      expect([env.ASTRATO_URL, env.DATABRAIN_URL]).toEqual([`http://127.0.0.1:${astratoPort}`, `http://127.0.0.1:${databrainPort}`]);
      child.kill(signal);
      expect(await exit).toEqual({ code: 0, signal: null });
      // Closed, not merely abandoned: the ports refuse connections.
      await expect(fetch(`${env.ASTRATO_URL}/embed/x`)).rejects.toThrow();
      await expect(fetch(`${env.DATABRAIN_URL}/`)).rejects.toThrow();
    });
  }

  it('refuses a port that is not a number, with exit code 2', async () => {
    const child = spawn(process.execPath, [cliScript, 'emulator', '--astrato-port', 'eighty'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--astrato-port takes a port from 0 to 65535 (0 picks a free one), not "eighty"');
  });
});
