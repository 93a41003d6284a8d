import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAstratoEmulator, type RunningEmulator } from '@oemkit/server/testing';
import { launchChromium } from '@oemkit/test-support/chromium';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');
const snippet = (name: string) => {
  const match = new RegExp(`<!-- readme:${name} -->\\n\`\`\`js\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!match) throw new Error(`README has no readme:${name} block`);
  return match[1]!;
};

let browser: Browser;
let astrato: RunningEmulator;
let backend: ChildProcess;
let host: Server;
let hostUrl: string;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Waits until the spawned backend answers (a GET gets the ticket handler's 405). */
async function waitForServer(url: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await fetch(url).then((r) => r.status === 405, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the README backend did not start at ${url}`);
}

beforeAll(async () => {
  const emulator = createAstratoEmulator();
  [browser, astrato] = await Promise.all([launchChromium(), emulator.listen()]);
  const backendPort = await freePort();
  backend = spawn(process.execPath, ['--input-type=module', '-e', snippet('backend')], {
    cwd: root,
    env: { ...process.env, ASTRATO_URL: astrato.url, ASTRATO_CLIENT_ID: emulator.clientId, ASTRATO_CLIENT_SECRET: emulator.clientSecret, PORT: String(backendPort) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const backendUrl = `http://127.0.0.1:${backendPort}`;
  await waitForServer(backendUrl);

  // Only the Astrato URL changes: the emulator stands in for app.astrato.io.
  const frontEnd = snippet('frontend').replace("'https://app.astrato.io'", JSON.stringify(astrato.url));
  const bundled = await build({ stdin: { contents: frontEnd, resolveDir: root, loader: 'js' }, bundle: true, format: 'iife', platform: 'browser', tsconfigRaw: {}, write: false, logLevel: 'silent' });
  const page = `<!DOCTYPE html><html><body><div id="dashboard" style="height:500px"></div><script>${bundled.outputFiles[0]!.text}</script></body></html>`;
  // The host site: the page, and its /api/astrato-ticket served by the README backend.
  host = createServer(async (req, res) => {
    if (req.url !== '/api/astrato-ticket') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    const answer = await fetch(backendUrl, { method: 'POST', headers: { cookie: req.headers.cookie ?? '' } });
    res.writeHead(answer.status, { 'content-type': 'application/json', 'cache-control': answer.headers.get('cache-control') ?? '' }).end(await answer.text());
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as { port: number }).port}`;
});

afterAll(async () => {
  backend?.kill();
  host?.closeAllConnections();
  await Promise.all([browser?.close(), astrato?.close(), new Promise((resolve) => (host ? host.close(resolve) : resolve(undefined)))]);
});

describe('the README examples', () => {
  it('embed the dashboard for the signed-in user with the row-level parameter and the filter', async () => {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'sid', value: 'session-123', url: hostUrl }]);
    const page = await context.newPage();
    await page.goto(hostUrl);
    const frame = page.frameLocator('#dashboard iframe');
    await expect.poll(() => frame.getByTestId('status').textContent()).toBe('Signed in as ana@acme.test');
    expect(await frame.getByTestId('parameters').textContent()).toContain('[org_id].[string]"ACME-001"');
    await expect.poll(async () => JSON.parse((await frame.getByTestId('applied-json').textContent()) ?? '[]')).toEqual([['Region Dim.Country Name', ['United Kingdom']]]);
    await context.close();
  });

  it('refuse a visitor without the session cookie', async () => {
    const response = await fetch(`${hostUrl}/api/astrato-ticket`, { method: 'POST' });
    expect(response.status).toBe(401);
  });
});
