// @ts-check
/**
 * `pnpm demo`: the whole OEM flow on one machine. Starts the Astrato emulator (unless a real
 * tenant is configured, see config.js) and the host application, prints the URL to open and a
 * step log, and runs until interrupted.
 */
import { pathToFileURL } from 'node:url';
import { createAstratoEmulator } from '@oemkit/server/testing';
import { readAstratoConfig } from './config.js';
import { createHostApp } from './host-app.js';
import { WORKBOOK } from './workbook.js';

/**
 * @param {{ port?: number, emulatorPort?: number, env?: Record<string, string | undefined>, log?: (step: string, detail: string) => void }} [options]
 */
export async function startDemo(options = {}) {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const config = readAstratoConfig(env);
  let astrato;
  let closeEmulator = async () => {};
  if (config.mode === 'emulator') {
    // The emulated workbook posts and hears the message types the host page expects (workbook.js).
    const emulator = createAstratoEmulator({ dashboards: { 'sales-overview': 'Sales overview' }, workbook: WORKBOOK });
    const running = await emulator.listen({ port: options.emulatorPort ?? 0 });
    astrato = { baseUrl: running.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret, embedLink: `${running.url}/embed/sales-overview`, groupNames: ['Viewers'] };
    // The emulator's own view of the flow: redemption and the iframe's page load happen in the browser.
    let reported = 0;
    const timer = setInterval(() => {
      for (const call of emulator.calls.slice(reported)) {
        if (call.path.startsWith('/auth/proxy/oem/ticket/')) log('redemption', `Astrato redeemed a ticket -> ${call.status}${call.status === 200 ? ' (session cookie set)' : ''}`);
        else if (call.path.startsWith('/embed/')) log('iframe', `Astrato served ${call.path} -> ${call.status}`);
        else if (call.path === '/auth/proxy/0/sign_out') log('sign-out', 'Astrato session ended');
      }
      reported = emulator.calls.length;
    }, 100);
    timer.unref();
    closeEmulator = async () => {
      clearInterval(timer);
      await running.close();
    };
  } else {
    astrato = { baseUrl: config.astratoUrl, clientId: config.clientId, clientSecret: config.clientSecret, embedLink: config.embedLink, groupNames: config.groupNames };
  }
  const host = await createHostApp({ astrato, emulator: config.mode === 'emulator', port: options.port ?? Number(env.PORT ?? 3000), log });
  return {
    url: host.url,
    astratoUrl: astrato.baseUrl,
    mode: config.mode,
    async close() {
      await host.close();
      await closeEmulator();
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  const log = (/** @type {string} */ step, /** @type {string} */ detail) =>
    process.stdout.write(`${String(((Date.now() - started) / 1000).toFixed(1)).padStart(7)}s  ${step.padEnd(18)} ${detail}\n`);
  try {
    const demo = await startDemo({ log });
    process.stdout.write(
      `\noemkit demo: ${demo.mode === 'emulator' ? `Astrato emulator at ${demo.astratoUrl}` : `Astrato tenant ${demo.astratoUrl}`}\n` +
        `Open ${demo.url} and sign in with any email (try ana@acme.test). Ctrl+C stops.\n\n`,
    );
    const stop = async () => {
      await demo.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    const taken = /** @type {{ code?: string }} */ (error).code === 'EADDRINUSE';
    process.stderr.write(
      taken
        ? `Port ${process.env.PORT ?? 3000} is taken: run with PORT=<another port> pnpm demo\n`
        : `The demo could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
}
