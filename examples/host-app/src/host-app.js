// @ts-check
/**
 * The example host application: its own sign-in, a ticket endpoint that exposes only a ticket id,
 * and a page that embeds the dashboard with @oemkit/browser. Everything is a Web-standard handler,
 * served on node:http through toNodeHandler.
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { AstratoClient, createTicketHandler } from '@oemkit/server';
import { toNodeHandler } from '@oemkit/server/node';
import { HostSessions } from './host-sessions.js';
import { dashboardPage, signInPage } from './pages.js';
import { rowLevelParametersFor } from './row-level.js';

/**
 * @typedef {object} HostAppOptions
 * @property {{ baseUrl: string, clientId: string, clientSecret: string, embedLink: string, groupNames: string[] }} astrato
 * @property {boolean} [emulator] whether Astrato is the local emulator (shows its controls)
 * @property {number} [port] 0 picks a free port
 * @property {(step: string, detail: string) => void} [log] the step log
 */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The front end, bundled from the built @oemkit/browser exactly as a host page would get it. */
async function bundleFrontEnd() {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./browser-app.js', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return /** @type {import('esbuild').OutputFile} */ (result.outputFiles[0]).text;
}

/**
 * @param {HostAppOptions} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function createHostApp(options) {
  const log = options.log ?? (() => {});
  const sessions = new HostSessions();
  const script = await bundleFrontEnd();
  const astrato = new AstratoClient({
    baseUrl: options.astrato.baseUrl,
    clientId: options.astrato.clientId,
    clientSecret: options.astrato.clientSecret,
    // Logs each call to Astrato by method, path and status: never a header or a body.
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const response = await fetch(request);
      const path = new URL(request.url).pathname;
      const step = path.endsWith('/m2m/token') ? 'token' : path.endsWith('/oem/setup') ? 'setup' : 'astrato';
      log(step, `${request.method} ${path} -> ${response.status}${step === 'token' ? ' (m2m token, cached and shared)' : ''}`);
      return response;
    },
  });

  const ticketHandler = createTicketHandler({
    client: astrato,
    authorize: (request) => {
      const session = sessions.read(request.headers.get('cookie'));
      if (!session) return null;
      const filterParameters = rowLevelParametersFor(session.email);
      log('setup', `${session.email} with groups ${options.astrato.groupNames.join(', ')} and ${JSON.stringify(filterParameters)}`);
      return { email: session.email, groupNames: options.astrato.groupNames, filterParameters };
    },
    onError: (error) => log('error', error instanceof Error ? error.message : String(error)),
  });

  /** @param {string} location @param {string} [cookie] */
  const redirect = (location, cookie) => new Response(null, { status: 303, headers: { location, ...(cookie ? { 'set-cookie': cookie } : {}) } });
  /** @param {string} body @param {number} [status] */
  const html = (body, status = 200) => new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });

  /** @param {Request} request */
  async function handle(request) {
    const { pathname } = new URL(request.url);
    const cookie = request.headers.get('cookie');
    if (pathname === '/api/astrato-ticket') return ticketHandler(request);
    if (pathname === '/app.js') return new Response(script, { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
    if (pathname === '/sign-in' && request.method === 'POST') {
      const email = String(new URLSearchParams(await request.text()).get('email') ?? '').trim();
      if (!EMAIL.test(email)) return html(signInPage({ error: 'Please enter an email address.' }), 400);
      log('host', `${email} signed in to the host application`);
      return redirect('/', sessions.open(email));
    }
    if (pathname === '/sign-out' && request.method === 'POST') {
      log('host', 'signed out of the host application');
      return redirect('/', sessions.close(cookie));
    }
    if (pathname === '/api/steps' && request.method === 'POST') {
      const { step, detail } = /** @type {{ step?: unknown, detail?: unknown }} */ (await request.json().catch(() => ({})));
      if (sessions.read(cookie)) log(`browser ${String(step).slice(0, 20)}`, String(detail).slice(0, 300));
      return new Response(null, { status: 204 });
    }
    if (pathname !== '/' || request.method !== 'GET') return new Response('Not found', { status: 404 });
    const session = sessions.read(cookie);
    if (!session) return html(signInPage());
    return html(
      dashboardPage({
        email: session.email,
        parameters: rowLevelParametersFor(session.email),
        astratoUrl: options.astrato.baseUrl,
        embedLink: options.astrato.embedLink,
        emulator: options.emulator ?? false,
      }),
    );
  }

  const server = createServer(toNodeHandler(handle));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, '127.0.0.1', () => resolve(undefined));
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
