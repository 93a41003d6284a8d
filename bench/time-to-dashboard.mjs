// Time to dashboard: in Chromium, the time until a dashboard first paints with data, with the
// Astrato emulator adding 50 ms to every response, for the ways of embedding side by side
// (bench/time-to-dashboard-flows.mjs) and the cases a real product meets:
//   first visit                    a fresh browser profile: no Astrato session;
//   first visit, server-rendered   the same, the host's server having minted the ticket while it
//                                  rendered the page;
//   return visit                   the same profile again, the session cookie still valid;
//   second dashboard               one more dashboard on that page;
//   SPA remount                    every dashboard of the page removed, and one embedded again;
//   lost session, 2 tabs           two tabs of one profile, each with its dashboard, when Astrato ends
//                                  the session: until both are drawn again, from the first 401Error.
//
// The moment measured: the emulator's embed page marks `astrato-emulator:dashboard-drawn` in the
// animation frame that paints its first bars, which only a page with a session and rows draws. It is
// read in the frame as timeOrigin + mark; a visit starts at the host page's navigation start (its
// timeOrigin), a mount when the page calls it.
// Round trips: the longest chain of requests in that window where each arrived after the one
// before was answered: calls to the emulator (its session check left out) and requests to the host's
// ticket endpoint, where a request that minted (its setup call to Astrato inside it) is one round
// trip, `ticket`, and one answered with the remembered session (`{ sessionKey }`, nothing minted) is
// `ask`, a round trip to the host only. What the host's server did before the page's first byte
// (minting during server rendering) is part of the page's own request: in its milliseconds, not a
// round trip. Tickets: setups the emulator answered in the window, server rendering's included.
// The round trips and tickets are the figures to trust: the milliseconds move with the machine's load.
//
// Runs on the built packages (`pnpm bench` builds first). OEMKIT_TESTING_MODULE names another module
// to take the emulator from (a bundle of the sources, say); BENCH_RUNS sets the runs per cell.
import { createServer } from 'node:http';
import { launchChromium } from '@oemkit/test-support/chromium';
import { AstratoClient, createTicketHandler, DEFAULT_RATE_LIMIT } from '@oemkit/server';
import { toNodeHandler } from '@oemkit/server/node';
import { median, printTable, quantile } from './stats.mjs';
import { bundleOemkit, flowScripts, hostPage, SERVER_RENDERED } from './time-to-dashboard-flows.mjs';

const { createAstratoEmulator } = await import(process.env.OEMKIT_TESTING_MODULE ?? '@oemkit/server/testing');

const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const LATENCY = 50;
const DRAWN = 'astrato-emulator:dashboard-drawn';
const WAIT = { timeout: 20_000 };

/** Each flow is another host application with its own user; the rate limit is the default. */
const inputFor = (flow) => ({ email: `${flow.replace(/-ssr$/, '')}@bench.acme.test`, groupNames: ['Viewers'], filterParameters: { '[org_id].[string]': 'ACME-001' } });

async function listen(handler) {
  const server = createServer(toNodeHandler(handler));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))) };
}

/** The longest chain of requests each made after the one before it was answered. */
function criticalPath(requests) {
  const sorted = [...requests].sort((a, b) => a.receivedAt - b.receivedAt);
  const chains = [];
  for (const [i, request] of sorted.entries()) {
    const before = chains.filter((chain, j) => j < i && sorted[j].at <= request.receivedAt).sort((a, b) => b.length - a.length)[0] ?? [];
    chains.push([...before, request]);
  }
  return chains.sort((a, b) => b.length - a.length)[0] ?? [];
}

const shortPath = (path) => (path === '/oem/setup' ? 'setup' : path.startsWith('/auth/proxy/oem/ticket/') ? 'redeem' : path.startsWith('/embed/') ? 'embed page' : path);

async function main() {
  const emulator = createAstratoEmulator({ latency: LATENCY, heartbeat: 600_000 });
  const astrato = await emulator.listen();
  const client = new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, baseUrl: astrato.url });
  const authorize = (request) => inputFor(new URL(request.url).searchParams.get('flow') ?? 'unknown');
  // oemkit's user has the default rate limit: one person replaying every case back to back, the
  // check that the session model keeps a real page under it. The reference flows mint on every
  // mount by design and are not what is checked: unlimited (the hand-written one would meet 30 a
  // minute on a fast machine, 4 tickets a round).
  const ticketHandlers = {
    oemkit: createTicketHandler({ client, authorize }),
    reference: createTicketHandler({ client, authorize, rateLimit: { key: () => null } }),
  };
  /** Every request to the ticket endpoint: when, for which flow and case, and what it answered. */
  const ticketLog = [];
  let current = '';
  const scripts = flowScripts(await bundleOemkit(), astrato.url);
  const host = await listen(async (request) => {
    const url = new URL(request.url);
    if (url.pathname === '/ticket') {
      const receivedAt = Date.now();
      const response = await (url.searchParams.get('flow') === 'oemkit' ? ticketHandlers.oemkit : ticketHandlers.reference)(request);
      const answer = await response.clone().json();
      ticketLog.push({ flow: url.searchParams.get('flow'), during: current, key: request.headers.get('oemkit-session-key') ?? undefined, answer, receivedAt, at: Date.now(), status: response.status, minted: 'ticketId' in answer, path: 'ticketId' in answer ? 'ticket' : 'ask' });
      return response;
    }
    const flow = url.pathname.slice(1);
    const script = scripts[flow];
    if (!script) return new Response('Not found', { status: 404 });
    // Server rendering: the ticket minted for this user while the page is made, with its session key when the client has one.
    let serverTicket;
    if (SERVER_RENDERED.has(flow)) {
      const input = inputFor(flow);
      const { ticket } = await client.setup(input);
      serverTicket = flow.startsWith('oemkit') && client.sessionKey ? { ticketId: ticket, sessionKey: await client.sessionKey(input) } : ticket;
    }
    return new Response(hostPage(script, serverTicket), { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
  });
  // The m2m token is cached by the client for ten minutes: fetch it once, before any run.
  await client.getAccessToken();

  /** The requests between `start` and `end` (ms since the epoch), as chain nodes. */
  function requestsBetween(start, end, firstByte = start) {
    const inWindow = (request) => request.receivedAt >= start - 2 && request.at <= end + 2;
    const tickets = ticketLog.filter(inWindow).filter((request) => request.receivedAt >= firstByte - 2);
    const calls = emulator.calls.filter(inWindow).filter((call) => call.path !== '/__emulator/session');
    // A setup inside a ticket request is that request's; one before the page's first byte is server rendering's.
    const nested = (call) => tickets.some((ticket) => call.receivedAt >= ticket.receivedAt && call.at <= ticket.at);
    const astratoCalls = calls.filter((call) => call.receivedAt >= firstByte - 2 && !(call.path === '/oem/setup' && nested(call))).map((call) => ({ ...call, path: shortPath(call.path) }));
    const path = criticalPath([...tickets, ...astratoCalls]).map((request) => request.path);
    return { path, tickets: calls.filter((call) => call.path === '/oem/setup' && call.status === 200).length };
  }

  /** When the dashboard in `selector` of `tab` first painted with data, on a page not marked old (ms since the epoch). */
  async function drawn(tab, selector) {
    await tab
      .frameLocator(selector)
      .locator('body[data-drawn]:not([data-old])')
      .waitFor(WAIT)
      .catch(async (error) => {
        const page = await tab.evaluate(() => [location.pathname, document.body.innerHTML.replace(/<script>[^]*<\/script>/, '').slice(0, 600)]);
        const frame = await tab.frameLocator(selector).locator('body').evaluate((body) => body.outerHTML.slice(0, 120)).catch(() => 'no frame');
        throw new Error(`${selector} of ${page[0]} was not drawn: ${page[1]} / ${frame}`, { cause: error });
      });
    const frame = await (await tab.$(selector)).contentFrame();
    // The page marks the paint in the animation frame after it set data-drawn: wait for the mark too
    // (polled on a timer: a background tab runs no animation frames for a rAF poll).
    await frame.waitForFunction((name) => performance.getEntriesByName(name).length > 0, DRAWN, { polling: 20, ...WAIT });
    return frame.evaluate((name) => performance.timeOrigin + performance.getEntriesByName(name)[0].startTime, DRAWN);
  }

  const browser = await launchChromium();
  /** One visit in `context`, its tab left open: milliseconds from navigation start to the first paint with data. */
  async function visit(context, flow, query = '') {
    const tab = await context.newPage();
    tab.on('pageerror', (error) => console.error(`${flow}: ${error.message}`));
    await tab.goto(`${host.url}/${flow}${query}`);
    const end = await drawn(tab, '#dashboard iframe:last-of-type');
    const [start, firstByte] = await tab.evaluate(() => [performance.timeOrigin, performance.timeOrigin + performance.getEntriesByType('navigation')[0].responseStart]);
    return { tab, ms: end - start, ...requestsBetween(start, end, firstByte) };
  }
  /** Runs `mount` in `tab` (it returns the page's clock at the call) and times it until `selector` is drawn. */
  async function timeMount(tab, selector, mount) {
    const start = await tab.evaluate(mount);
    const end = await drawn(tab, selector);
    return { ms: end - start, ...requestsBetween(start, end) };
  }
  const secondDashboard = (tab) =>
    timeMount(tab, '#second iframe', () => {
      const container = document.body.appendChild(Object.assign(document.createElement('div'), { id: 'second' }));
      const at = performance.timeOrigin + performance.now();
      window.removeSecond = window.embedOne(container, 'sales-by-region');
      return at;
    });
  const remount = (tab) =>
    timeMount(tab, '#dashboard iframe:last-of-type', () => {
      window.remove();
      window.removeSecond?.();
      const at = performance.timeOrigin + performance.now();
      window.remove = window.embedOne(document.getElementById('dashboard'), 'sales-overview');
      return at;
    });
  /**
   * Both tabs' dashboards drawn again after Astrato ended the session, from the first tab to hear
   * of it. Both embed pages report it at once, as Astrato's do at their next API call (the
   * emulator's own session check is off: its interval would add up to one period between the tabs).
   */
  async function lostSession(tabs) {
    const frames = tabs.map((tab) => tab.frameLocator('#dashboard iframe:last-of-type').locator('body'));
    for (const frame of frames) await frame.evaluate((body) => (body.dataset.old = 'true'));
    for (const tab of tabs) await tab.evaluate(() => (window.lostAt = undefined));
    emulator.endSessions();
    await Promise.all(frames.map((frame) => frame.evaluate(() => parent.postMessage({ type: 'Astrato', message: '401Error' }, '*'))));
    const ends = await Promise.all(tabs.map((tab) => drawn(tab, '#dashboard iframe:last-of-type')));
    const start = Math.min(...(await Promise.all(tabs.map((tab) => tab.evaluate(() => window.lostAt)))));
    const end = Math.max(...ends);
    return { ms: end - start, ...requestsBetween(start, end) };
  }

  const cells = new Map();
  const record = (flow, kind, run) => cells.set(`${flow}|${kind}`, [...(cells.get(`${flow}|${kind}`) ?? []), run]);
  // Round 0 warms Chromium, the host and the JIT, and is not counted; the flows take turns in every round.
  for (let round = 0; round <= RUNS; round++) {
    const keep = (flow, kind, run) => round > 0 && record(flow, kind, run);
    const during = (label) => (current = `${round} ${label}`);
    for (const flow of ['oemkit', 'astrato-sample', 'hand-written', 'iframe-first']) {
      const context = await browser.newContext();
      during(`${flow} first`);
      const first = await visit(context, flow);
      await first.tab.close();
      keep(flow, 'first visit', first);
      during(`${flow} return`);
      const again = await visit(context, flow);
      keep(flow, 'return visit', again);
      during(`${flow} second`);
      keep(flow, 'second dashboard', await secondDashboard(again.tab));
      during(`${flow} remount`);
      keep(flow, 'SPA remount', await remount(again.tab));
      // The hand-written minimum does not recover a lost session at all.
      if (flow !== 'hand-written') {
        during(`${flow} tab 2`);
        const other = await visit(context, flow, '?dashboard=sales-by-region');
        during(`${flow} lost`);
        keep(flow, 'lost session, 2 tabs', await lostSession([again.tab, other.tab]));
      }
      await context.close();
    }
    for (const flow of SERVER_RENDERED) {
      const context = await browser.newContext();
      const first = await visit(context, flow);
      keep(flow.replace(/-ssr$/, ''), 'first visit, server-rendered', first);
      await context.close();
    }
  }
  await browser.close();
  await host.close();
  await astrato.close();

  const refused = ticketLog.filter((request) => request.status !== 200);
  if (refused.length > 0) throw new Error(`the ticket endpoint refused ${refused.length} requests (${[...new Set(refused.map((r) => `${r.flow} ${r.status}`))].join(', ')})`);

  const rows = [];
  const results = {};
  for (const flow of ['oemkit', 'astrato-sample', 'hand-written', 'iframe-first']) {
    for (const kind of ['first visit', 'first visit, server-rendered', 'return visit', 'second dashboard', 'SPA remount', 'lost session, 2 tabs']) {
      const runs = cells.get(`${flow}|${kind}`);
      if (!runs) continue;
      const times = runs.map((run) => run.ms);
      // The path most runs took; a run that took another (a slow machine can reorder) is counted apart.
      const paths = new Map();
      for (const run of runs) paths.set(run.path.join(' → '), [...(paths.get(run.path.join(' → ')) ?? []), run]);
      const [path, usual] = [...paths].sort((a, b) => b[1].length - a[1].length)[0];
      // Tickets as most runs minted them, and how many runs minted more.
      const ticketsPerRun = runs.map((run) => run.tickets);
      const tickets = median(ticketsPerRun);
      const more = ticketsPerRun.filter((count) => count > tickets);
      const result = {
        roundTrips: usual[0].path.length,
        tickets,
        ticketsPerRun,
        path,
        otherPaths: runs.length - usual.length,
        medianMs: Math.round(median(times)),
        p10Ms: Math.round(quantile(times, 0.1)),
        p90Ms: Math.round(quantile(times, 0.9)),
      };
      results[`${flow} ${kind}`] = result;
      const shown = result.otherPaths ? `${path} (${result.otherPaths} of ${runs.length} runs took another)` : path;
      const ticketsShown = more.length ? `${tickets} (${Math.max(...more)} in ${more.length} of ${runs.length} runs)` : tickets;
      rows.push([flow, kind, result.roundTrips, ticketsShown, shown, result.medianMs, `${result.p10Ms}–${result.p90Ms}`]);
    }
  }
  console.log(`\nTime to dashboard: Chromium, Astrato emulator +${LATENCY} ms per response, median of ${RUNS} runs per cell (node ${process.version})`);
  console.log('Trust the round trips and tickets over the milliseconds: those move with the machine’s load.\n');
  printTable(['flow', 'case', 'serial round trips', 'tickets', 'critical path (ask/ticket: the host endpoint)', 'median ms', 'p10–p90 ms'], rows);
  // The most tickets any flow's user was given in one window of the rate limit's duration.
  const peak = (flow) => {
    const times = ticketLog.filter((request) => request.flow === flow && request.minted).map((request) => request.receivedAt);
    return Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + DEFAULT_RATE_LIMIT.duration * 1000).length));
  };
  console.log(`\nTickets from the ticket endpoint, most in any ${DEFAULT_RATE_LIMIT.duration} s for one user (oemkit's has the default rate limit, ${DEFAULT_RATE_LIMIT.points}; the others none):`);
  for (const flow of ['oemkit', 'astrato-sample', 'hand-written', 'iframe-first']) console.log(`  ${flow}: ${peak(flow)}`);
  if (process.env.BENCH_JSON) console.log(JSON.stringify(results, null, 2));
  if (process.env.BENCH_DEBUG) for (const request of ticketLog) console.log(request.during, request.key ? 'with key' : 'no key', JSON.stringify(request.answer));
}

await main();
