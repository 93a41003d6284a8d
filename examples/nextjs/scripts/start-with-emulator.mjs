// @ts-check
/**
 * `pnpm start:emulator`: the built app (`next start`) against a local Astrato emulator from
 * `@oemkit/server/testing`, with the four ASTRATO_* variables pointing at it. Ctrl+C stops both.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createAstratoEmulator } from '@oemkit/server/testing';

// A bar clicked in the dashboard posts BAR SELECTED to the page, which shows it under the dashboard.
const emulator = createAstratoEmulator({ dashboards: { 'sales-overview': 'Sales overview' }, workbook: { reportSelection: 'BAR SELECTED' } });
const astrato = await emulator.listen();
const port = process.env.PORT ?? '3000';
process.stdout.write(`Astrato emulator at ${astrato.url}; open http://127.0.0.1:${port} and sign in with any email.\n`);

const next = spawn(process.execPath, [fileURLToPath(import.meta.resolve('next/dist/bin/next')), 'start', '--hostname', '127.0.0.1', '--port', port], {
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  stdio: 'inherit',
  env: {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    ASTRATO_URL: astrato.url,
    ASTRATO_CLIENT_ID: emulator.clientId,
    ASTRATO_CLIENT_SECRET: emulator.clientSecret,
    ASTRATO_EMBED_LINK: `${astrato.url}/embed/sales-overview`,
  },
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.once(signal, () => next.kill(signal));
next.once('exit', async (code) => {
  await astrato.close();
  process.exit(code ?? 0);
});
