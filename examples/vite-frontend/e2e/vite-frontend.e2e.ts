import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import type { Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchPageProblems } from '@oemkit/test-support/chromium';
import { startBackend } from '../backend/server.js';
import { frontendConfig } from '../vite.config.js';

let browser: Browser;
let emulator: ChildProcess;
let backend: Awaited<ReturnType<typeof startBackend>>;
let vite: ViteDevServer;
let frontendUrl: string;

/** `npx @oemkit/server emulator` as the recipe runs it: the installed bin, read line by line. */
async function startEmulatorCommand(): Promise<Record<string, string>> {
  const bin = createRequire(import.meta.url).resolve('@oemkit/server/package.json').replace(/package\.json$/, 'bin/oemkit.js');
  emulator = spawn(process.execPath, [bin, 'emulator'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const env: Record<string, string> = {};
  for await (const line of createInterface({ input: emulator.stdout! })) {
    const [name, ...value] = line.split('=');
    env[name!] = value.join('=');
    if (env.DATABRAIN_API_KEY) break;
  }
  return env;
}

beforeAll(async () => {
  const [launched, env] = await Promise.all([launchChromium(), startEmulatorCommand()]);
  browser = launched;
  backend = await startBackend({ env, port: 0 });
  const config = frontendConfig({ backendUrl: backend.url, astratoUrl: env.ASTRATO_URL! });
  vite = await createServer({ ...config, configFile: false, logLevel: 'silent', server: { ...config.server, port: 0 } });
  await vite.listen();
  frontendUrl = vite.resolvedUrls!.local[0]!;
});
afterAll(async () => {
  await browser?.close();
  await vite?.close();
  await backend?.close();
  if (emulator && emulator.exitCode === null) {
    const exited = new Promise((resolve) => emulator.once('exit', resolve));
    emulator.kill('SIGINT');
    await exited;
  }
});

const PATIENCE = { timeout: 15_000 };

describe('a Vite front end apart from its backend, against `oemkit emulator`', () => {
  it('loads the dashboard through the dev server’s /api proxy', async () => {
    const page = await (await browser.newContext()).newPage();
    const problems = watchPageProblems(page);
    const tickets: string[] = [];
    page.on('request', (request) => void (request.url().includes('/api/astrato-ticket') && tickets.push(new URL(request.url()).origin)));
    await page.goto(frontendUrl);
    const frame = page.frameLocator('#dashboard iframe');
    await expect.poll(() => frame.getByTestId('status').textContent(), PATIENCE).toBe('Signed in as ana@example.com');
    // The page asked its own origin (Vite's), which passed the request to the backend.
    expect(tickets).toEqual([new URL(frontendUrl).origin]);
    expect(await page.getByRole('alert').textContent()).toBe('');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
