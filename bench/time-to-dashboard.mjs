// Time to dashboard: in Chromium, from the host page's navigation start to the first paint of the
// dashboard with data, with the Astrato emulator adding 50 ms to every response, for three ways of
// embedding side by side:
//   oemkit            embedDashboard from the built @oemkit/browser (bundled with esbuild): ticket,
//                     redemption as a top-level request, then the iframe, on every visit;
//   Astrato's sample  the flow of Astrato's own Node example: the iframe first; on 401Error,
//                     debounced 400 ms, a ticket, its redemption, and the iframe reloaded;
//   hand-written      the least that works: ticket, redemption, iframe, nothing else;
//   iframe-first      beside them, to price the other order: the sample's flow without its debounce.
// Each for a first visit (no Astrato session) and a return visit (the session cookie still valid).
//
// The moment measured: the emulator's embed page marks `astrato-emulator:dashboard-drawn` in the
// animation frame that paints its first bars, which only a page with a session and rows draws. It is
// read in the frame as timeOrigin + mark, and the host page's timeOrigin is its navigation start.
// Round trips: the longest chain of emulator calls in that window where each call arrived after the
// one before was answered (the call log's receivedAt and at), the session check left out. The ticket
// request goes to the host, which answers from one setup call to the emulator: that setup is counted.
//
// Runs on the built packages (`pnpm bench` builds first). OEMKIT_TESTING_MODULE names another module
// to take the emulator from (a bundle of the sources, say); BENCH_RUNS sets the runs per cell.
import { createServer } from 'node:http';
import { build } from 'esbuild';
import { launchChromium } from '@oemkit/test-support/chromium';
import { AstratoClient, createTicketHandler } from '@oemkit/server';
import { toNodeHandler } from '@oemkit/server/node';
import { median, printTable, quantile } from './stats.mjs';

const { createAstratoEmulator } = await import(process.env.OEMKIT_TESTING_MODULE ?? '@oemkit/server/testing');

const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const LATENCY = 50;
const DRAWN = 'astrato-emulator:dashboard-drawn';
// Astrato's example debounces its 401Error handler by 400 ms (lodash's trailing debounce).
const SAMPLE_DEBOUNCE = 400;

/** The built browser package as a host page would ship it: one minified script. */
async function bundleOemkit() {
  const result = await build({
    stdin: { contents: "import { embedDashboard } from '@oemkit/browser'; window.embedDashboard = embedDashboard;", resolveDir: import.meta.dirname },
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/**
 * The iframe at once; on 401Error, a ticket, its redemption and a reload. With `debounce` (the
 * sample's), each 401Error restarts the wait; without, the first one starts the renewal and the
 * rest are ignored until the reload, or a second report would start a second renewal beside it.
 */
const iframeFirst = (debounce) => `const iframe = Object.assign(document.createElement('iframe'), { src: EMBED });
container.append(iframe);
let timer, renewing = false;
const renew = async () => {
  renewing = true;
  const { ticketId } = await (await fetch('/ticket', { method: 'POST' })).json();
  await fetch(ASTRATO + '/auth/proxy/oem/ticket/' + ticketId + '?embed', { credentials: 'include' });
  iframe.src = EMBED;
};
addEventListener('message', (event) => {
  if (event.data?.type !== 'Astrato' || event.data.message !== '401Error') return;
  ${debounce ? `clearTimeout(timer);
  timer = setTimeout(renew, ${debounce});` : 'if (!renewing) renew();'}
});`;

/** The host pages' scripts; each knows the emulator's origin and embed link. */
function flowScripts(oemkitBundle, astrato, embedLink) {
  const constants = `const ASTRATO = ${JSON.stringify(astrato)}, EMBED = ${JSON.stringify(embedLink)}, container = document.getElementById('dashboard');`;
  return {
    oemkit: `${oemkitBundle}\n${constants}\nembedDashboard({ container, embedUrl: EMBED, baseUrl: ASTRATO, ticketUrl: '/ticket' });`,
    // As Astrato's Node example does it: no origin check, every 401Error restarts the debounce.
    'astrato-sample': `${constants}\n${iframeFirst(SAMPLE_DEBOUNCE)}`,
    'hand-written': `${constants}
(async () => {
  const { ticketId } = await (await fetch('/ticket', { method: 'POST' })).json();
  await fetch(ASTRATO + '/auth/proxy/oem/ticket/' + ticketId + '?embed', { credentials: 'include' });
  container.append(Object.assign(document.createElement('iframe'), { src: EMBED }));
})();`,
    // Not one of the three: the sample's order without its debounce, to price trying the iframe first.
    'iframe-first': `${constants}\n${iframeFirst(0)}`,
  };
}

const page = (script) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,">
<style>#dashboard{width:1000px;height:600px}#dashboard iframe{width:100%;height:100%;border:0}</style></head>
<body><div id="dashboard"></div><script>${script}</script></body></html>`;

async function listen(handler) {
  const server = createServer(toNodeHandler(handler));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))) };
}

/** The longest chain of calls each made after the one before it was answered, and its paths. */
function criticalPath(calls) {
  const sorted = [...calls].sort((a, b) => a.receivedAt - b.receivedAt);
  const chains = [];
  for (const [i, call] of sorted.entries()) {
    const before = chains.filter((chain, j) => j < i && sorted[j].at <= call.receivedAt).sort((a, b) => b.length - a.length)[0] ?? [];
    chains.push([...before, call]);
  }
  return chains.sort((a, b) => b.length - a.length)[0] ?? [];
}

const shortPath = (path) => (path === '/oem/setup' ? 'setup' : path.startsWith('/auth/proxy/oem/ticket/') ? 'redeem' : path.startsWith('/embed/') ? 'embed page' : path);

async function main() {
  const emulator = createAstratoEmulator({ latency: LATENCY, heartbeat: 600_000 });
  const astrato = await emulator.listen();
  const client = new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, baseUrl: astrato.url });
  const ticketHandler = createTicketHandler({
    client,
    authorize: () => ({ email: 'bench@acme.test', groupNames: ['Viewers'], filterParameters: { '[org_id].[string]': 'ACME-001' } }),
  });
  const embedLink = `${astrato.url}/embed/sales-overview`;
  const scripts = flowScripts(await bundleOemkit(), astrato.url, embedLink);
  const host = await listen(async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/ticket') return ticketHandler(request);
    const script = scripts[pathname.slice(1)];
    return script ? new Response(page(script), { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } }) : new Response('Not found', { status: 404 });
  });
  // The m2m token is cached by the client for ten minutes: fetch it once, before any run.
  await client.getAccessToken();

  const browser = await launchChromium();
  /** One visit in `context`: milliseconds to the first paint with data, and the emulator calls on its critical path. */
  async function visit(context, flow) {
    const tab = await context.newPage();
    const problems = [];
    tab.on('pageerror', (error) => problems.push(error.message));
    await tab.goto(`${host.url}/${flow}`);
    await tab.frameLocator('#dashboard iframe').locator('body[data-drawn]').waitFor({ timeout: 15_000 });
    const frame = tab.frames().find((candidate) => candidate.url().startsWith(embedLink));
    const end = await frame.evaluate((name) => performance.timeOrigin + performance.getEntriesByName(name)[0].startTime, DRAWN);
    const start = await tab.evaluate(() => performance.timeOrigin);
    await tab.close();
    if (problems.length > 0) throw new Error(`${flow}: ${problems.join('; ')}`);
    // Date.now on the emulator and timeOrigin in Chromium read the same clock; 2 ms of slack for rounding.
    const calls = emulator.calls.filter((call) => call.receivedAt >= start - 2 && call.at <= end + 2 && call.path !== '/__emulator/session');
    return { ms: end - start, path: criticalPath(calls).map((call) => shortPath(call.path)), requests: calls.length };
  }

  const flows = Object.keys(scripts);
  const samples = new Map(flows.flatMap((flow) => ['first', 'return'].map((kind) => [`${flow} ${kind}`, []])));
  // Round 0 warms Chromium, the host and the JIT, and is not counted; the flows take turns in every round.
  for (let round = 0; round <= RUNS; round++) {
    for (const flow of flows) {
      const context = await browser.newContext();
      const first = await visit(context, flow);
      const again = await visit(context, flow);
      await context.close();
      if (round === 0) continue;
      samples.get(`${flow} first`).push(first);
      samples.get(`${flow} return`).push(again);
    }
  }
  await browser.close();
  await host.close();
  await astrato.close();

  const rows = [];
  const results = {};
  for (const [cell, runs] of samples) {
    const times = runs.map((run) => run.ms);
    // The path most runs took; a run that took another (a slow machine can reorder) is counted apart.
    const paths = new Map();
    for (const run of runs) paths.set(run.path.join(' → '), [...(paths.get(run.path.join(' → ')) ?? []), run]);
    const [path, usual] = [...paths].sort((a, b) => b[1].length - a[1].length)[0];
    const result = {
      medianMs: Math.round(median(times)),
      p10Ms: Math.round(quantile(times, 0.1)),
      p90Ms: Math.round(quantile(times, 0.9)),
      roundTrips: usual[0].path.length,
      path,
      otherPaths: runs.length - usual.length,
    };
    results[cell] = result;
    const [flow, kind] = cell.split(' ');
    const shown = result.otherPaths ? `${path} (${result.otherPaths} of ${runs.length} runs took another)` : path;
    rows.push([flow, kind === 'first' ? 'first visit' : 'return visit', result.roundTrips, shown, result.medianMs, `${result.p10Ms}–${result.p90Ms}`, result.roundTrips * LATENCY]);
  }
  console.log(`\nTime to dashboard: Chromium, Astrato emulator +${LATENCY} ms per response, median of ${RUNS} runs per cell (node ${process.version})\n`);
  printTable(['flow', 'visit', 'serial round trips', 'critical path (emulator calls)', 'median ms', 'p10–p90 ms', 'of which latency'], rows);
  if (process.env.BENCH_JSON) console.log(JSON.stringify(results, null, 2));
}

await main();
