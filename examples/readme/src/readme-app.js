// @ts-check
/**
 * The README's backend and front end, run as written: the one place that reads them from the
 * README and knows what their page must show. `e2e/readme.e2e.ts` runs them against the workspace
 * packages; `scripts/release-check.mjs` runs them in a fresh project that installed the tarballs.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { freePort } from '@oemkit/test-support/net';

const README = new URL('../../../README.md', import.meta.url);

/**
 * The README's JavaScript block after `<!-- readme:<name> -->`.
 *
 * @param {'backend' | 'frontend'} name
 */
export function readmeSnippet(name) {
  const match = new RegExp(`<!-- readme:${name} -->\\n\`\`\`js\\n([\\s\\S]*?)\`\`\``).exec(readFileSync(README, 'utf8'));
  if (!match?.[1]) throw new Error(`README.md has no readme:${name} block`);
  return match[1];
}

/** The Astrato URL the README's front end names; the stand-in's replaces it. */
const ASTRATO_URL = "'https://app.astrato.io'";

/** The signed-in visitor the README's backend knows: its own sign-in stands in for the host's. */
export const README_SESSION_COOKIE = { name: 'sid', value: 'session-123' };

/**
 * @typedef {{ url: string, clientId: string, clientSecret: string }} AstratoStandIn
 * @typedef {(options: import('esbuild').BuildOptions & { write: false }) => Promise<{ outputFiles: { text: string }[] }>} Bundle
 */

/**
 * Starts the README's app against an Astrato stand-in: the backend as written in its own Node
 * process in `cwd` (so `@oemkit/*` come from that project's node_modules), the front end as
 * written bundled from `cwd` for a browser (only the Astrato URL becomes the stand-in's), and a
 * host site serving the page and passing `/api/astrato-ticket` to the backend.
 *
 * @param {{ cwd: string, astrato: AstratoStandIn, bundle: Bundle }} options
 * @returns {Promise<{ hostUrl: string, close: () => Promise<void> }>}
 */
export async function startReadmeApp({ cwd, astrato, bundle }) {
  const backendPort = await freePort();
  const backend = spawn(process.execPath, ['--input-type=module', '-e', readmeSnippet('backend')], {
    cwd,
    env: { ...process.env, ASTRATO_URL: astrato.url, ASTRATO_CLIENT_ID: astrato.clientId, ASTRATO_CLIENT_SECRET: astrato.clientSecret, PORT: String(backendPort) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  backend.stderr.on('data', (chunk) => (stderr += chunk));
  const backendUrl = `http://127.0.0.1:${backendPort}`;
  const host = createServer(async (req, res) => {
    if (req.url !== '/api/astrato-ticket') return void res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    const answer = await fetch(backendUrl, { method: 'POST', headers: { cookie: req.headers.cookie ?? '' } });
    res.writeHead(answer.status, { 'content-type': 'application/json', 'cache-control': answer.headers.get('cache-control') ?? '' }).end(await answer.text());
  });
  const close = async () => {
    backend.kill();
    host.closeAllConnections();
    await new Promise((resolve) => host.close(resolve));
  };
  let page = '';
  try {
    await untilListening(backendUrl, backend, () => stderr);
    const frontEnd = readmeSnippet('frontend');
    if (!frontEnd.includes(ASTRATO_URL)) throw new Error(`the README's front end no longer sets ${ASTRATO_URL} for the emulator to replace`);
    const bundled = await bundle({ stdin: { contents: frontEnd.replace(ASTRATO_URL, JSON.stringify(astrato.url)), resolveDir: cwd, loader: 'js' }, bundle: true, format: 'iife', platform: 'browser', tsconfigRaw: {}, write: false, logLevel: 'silent' });
    page = `<!DOCTYPE html><html><body><div id="dashboard" style="height:500px"></div><script>${bundled.outputFiles[0]?.text}</script></body></html>`;
    await new Promise((resolve) => host.listen(0, '127.0.0.1', () => resolve(undefined)));
  } catch (error) {
    await close();
    throw error;
  }
  return { hostUrl: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (host.address()).port}`, close };
}

/**
 * What is wrong with the README's dashboard in `page` (the host page, signed in), waiting up to
 * `timeout` ms for it to be right: nothing once the iframe shows the signed-in user, the row-level
 * parameter the backend sets and the filter the front end sets.
 *
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string[]>}
 */
export async function readmeDashboardProblems(page, timeout = 15_000) {
  const frame = page.frameLocator('#dashboard iframe');
  const text = async (/** @type {string} */ id) => (await frame.getByTestId(id).textContent({ timeout: 1_000 }).catch(() => null)) ?? '';
  const deadline = Date.now() + timeout;
  for (;;) {
    const [status, parameters, applied] = await Promise.all([text('status'), text('parameters'), text('applied-json')]);
    const problems = [];
    if (status !== 'Signed in as ana@acme.test') problems.push(`the dashboard says ${JSON.stringify(status)}, not that ana@acme.test is signed in`);
    if (!parameters.includes('[org_id].[string]"ACME-001"')) problems.push(`the row-level parameter org_id=ACME-001 is not applied (parameters: ${JSON.stringify(parameters)})`);
    if (applied !== JSON.stringify([['Region Dim.Country Name', ['United Kingdom']]])) problems.push(`the front end's filter is not applied (applied: ${JSON.stringify(applied)})`);
    if (problems.length === 0 || Date.now() > deadline) return problems;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Resolves once the backend answers (a GET gets the ticket handler's 405); rejects at once if it
 * exits, with what it printed.
 *
 * @param {string} url
 * @param {import('node:child_process').ChildProcess} backend
 * @param {() => string} stderr
 */
async function untilListening(url, backend, stderr) {
  const exited = new Promise((_, reject) => backend.once('exit', (code) => reject(new Error(`the README backend exited (${code}):\n${stderr()}`))));
  exited.catch(() => undefined);
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await fetch(url).then((r) => r.status === 405, () => false)) return;
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 100)), exited]);
  }
  throw new Error(`the README backend did not start at ${url}:\n${stderr()}`);
}
