// The ticket handler in a runtime that has fetch and Web APIs but no Node globals (no process,
// Buffer, require): the server package bundled with the `worker` condition, as a Cloudflare or
// Vercel Edge build would, and run in a bare vm context. Its globals are the Web APIs those runtimes
// all provide (High Resolution Time's `performance` among them: call durations are timed with it).
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { build } from 'esbuild';
import { createAstratoEmulator } from '@oemkit/server/testing';

const entry = `
import { AstratoClient, createTicketHandler } from '@oemkit/server';
globalThis.makeHandler = (baseUrl, clientId, clientSecret) => createTicketHandler({
  client: new AstratoClient({ clientId, clientSecret, baseUrl }),
  authorize: () => ({ email: 'worker@example.com', groupNames: ['Viewers'] }),
});`;
const bundle = await build({
  stdin: { contents: entry, resolveDir: process.cwd(), loader: 'js' },
  bundle: true,
  // Through node_modules and the exports maps without the source condition: the built packages.
  tsconfigRaw: {},
  format: 'iife',
  platform: 'neutral',
  conditions: ['worker'],
  mainFields: ['module', 'main'],
  write: false,
  logLevel: 'silent',
});

const emulator = createAstratoEmulator();
const running = await emulator.listen();
try {
  const web = { fetch, Request, Response, Headers, URL, URLSearchParams, AbortController, AbortSignal, TextEncoder, TextDecoder, crypto, setTimeout, clearTimeout, structuredClone, DOMException, atob, btoa, Event, EventTarget, performance };
  const context = vm.createContext({ ...web });
  vm.runInContext(bundle.outputFiles[0].text, context);
  for (const name of ['process', 'Buffer', 'require', 'module', 'global']) assert.equal(vm.runInContext(`typeof ${name}`, context), 'undefined', `${name} leaked into the context`);
  const handler = context.makeHandler(running.url, emulator.clientId, emulator.clientSecret);
  const response = await handler(new Request('https://worker.test/api/ticket', { method: 'POST' }));
  assert.equal(response.status, 200);
  assert.match((await response.json()).ticketId, /^[0-9a-f-]{36}$/);
  assert.equal((await handler(new Request('https://worker.test/api/ticket'))).status, 405);
} finally {
  await running.close();
}

// The same import under the `browser` condition resolves to the guard: bundlers warn or fail on the
// missing export (Rollup and webpack fail; esbuild warns), and the guard's throw is kept, because
// the package marks it as having side effects, so the page fails loudly on load.
const browserBuild = await build({
  stdin: { contents: `import { AstratoClient } from '@oemkit/server'; console.log(AstratoClient);`, resolveDir: process.cwd(), loader: 'js' },
  bundle: true,
  platform: 'browser',
  tsconfigRaw: {},
  write: false,
  logLevel: 'silent',
});
assert.ok(browserBuild.warnings.some((warning) => warning.id === 'import-is-undefined'), 'no warning about the missing export');
const browserCode = browserBuild.outputFiles[0].text;
assert.match(browserCode, /server-only and was bundled for a browser/);
assert.throws(() => vm.runInContext(browserCode, vm.createContext({ console })), /server-only and was bundled for a browser/);
console.log(`fetch-only runtime: ticket handler ok (${bundle.outputFiles[0].text.length} bytes bundled, no Node globals); browser bundle throws on load`);
