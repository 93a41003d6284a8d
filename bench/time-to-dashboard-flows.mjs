// The host pages of bench/time-to-dashboard.mjs: one script per way of embedding, each defining
// `window.embedOne(container, shortId)`, which embeds one dashboard and returns a function that
// removes it (an SPA unmount), and embedding the first dashboard in #dashboard at once.
//
//   oemkit            embedDashboard from the built @oemkit/browser (bundled with esbuild), with
//                     its session model: the ticket endpoint asked with the remembered session key;
//   oemkit-ssr        the same, with the ticket the host's server minted while it rendered the page
//                     (`initialTicket: { ticketId, sessionKey }`), so a first visit asks nothing;
//   astrato-sample    the flow of Astrato's own Node example: the iframe first; on 401Error,
//                     debounced 400 ms, a ticket, its redemption, and the iframe reloaded;
//   hand-written      the least that works: ticket, redemption, iframe, nothing else, every time;
//   hand-written-ssr  the same with a server-rendered ticket: redemption, iframe;
//   iframe-first      beside them, to price the other order: the sample's flow without its debounce.
//
// Every ticket URL names its flow (`/ticket?flow=...`): each flow is another host application with
// its own user (only oemkit's is rate limited: bench/time-to-dashboard.mjs says why).
import { build } from 'esbuild';

// Astrato's example debounces its 401Error handler by 400 ms (lodash's trailing debounce).
export const SAMPLE_DEBOUNCE = 400;

/** The built browser package as a host page would ship it: one minified script. */
export async function bundleOemkit() {
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
 * The iframe at once; on 401Error from it (the sample takes any 401Error; from its own iframe only
 * here, so that two dashboards on one page each renew their own), a ticket, its redemption and a reload. With `debounce`
 * (the sample's), each 401Error restarts the wait; without, the first one starts the renewal and
 * the rest are ignored until the reload.
 */
const iframeFirst = (flow, debounce) => `window.embedOne = (container, shortId) => {
  const src = ASTRATO + '/embed/' + shortId;
  const iframe = container.appendChild(Object.assign(document.createElement('iframe'), { src }));
  let timer, renewing = false;
  const renew = async () => {
    renewing = true;
    const { ticketId } = await (await fetch('/ticket?flow=${flow}', { method: 'POST' })).json();
    await fetch(ASTRATO + '/auth/proxy/oem/ticket/' + ticketId + '?embed', { credentials: 'include' });
    iframe.src = src;
    renewing = false;
  };
  const onMessage = (event) => {
    if (event.source !== iframe.contentWindow || event.data?.type !== 'Astrato' || event.data.message !== '401Error') return;
    ${debounce ? `clearTimeout(timer);
    timer = setTimeout(renew, ${debounce});` : 'if (!renewing) renew();'}
  };
  addEventListener('message', onMessage);
  return () => (removeEventListener('message', onMessage), iframe.remove());
};`;

/** Ticket (or the server-rendered one, once), redemption, iframe: on every mount. */
const handWritten = (flow) => `window.embedOne = (container, shortId) => {
  (async () => {
    let ticketId = window.SERVER_TICKET;
    window.SERVER_TICKET = undefined;
    ticketId ??= (await (await fetch('/ticket?flow=${flow}', { method: 'POST' })).json()).ticketId;
    await fetch(ASTRATO + '/auth/proxy/oem/ticket/' + ticketId + '?embed', { credentials: 'include' });
    container.append(Object.assign(document.createElement('iframe'), { src: ASTRATO + '/embed/' + shortId }));
  })();
  return () => container.replaceChildren();
};`;

/** embedDashboard; the server-rendered answer (if any) goes to the first mount only. */
const oemkit = (flow) => `window.embedOne = (container, shortId) => {
  const initialTicket = window.SERVER_TICKET;
  window.SERVER_TICKET = undefined;
  const dashboard = embedDashboard({ container, embedUrl: ASTRATO + '/embed/' + shortId, baseUrl: ASTRATO, ticketUrl: '/ticket?flow=${flow}', ...(initialTicket && { initialTicket }) });
  return () => dashboard.destroy();
};`;

/** The flows' scripts by name (each flow is also its page's path), given the emulator's origin and the oemkit bundle. */
export function flowScripts(oemkitBundle, astrato) {
  const constants = `const ASTRATO = ${JSON.stringify(astrato)};`;
  // The page's dashboard: `?dashboard=<short id>`, or the sales overview.
  const start = "window.remove = window.embedOne(document.getElementById('dashboard'), new URLSearchParams(location.search).get('dashboard') ?? 'sales-overview');";
  const page = (...parts) => [...parts, start].join('\n');
  return {
    oemkit: page(oemkitBundle, constants, oemkit('oemkit')),
    // The same application and user as `oemkit`, its page rendered by the server.
    'oemkit-ssr': page(oemkitBundle, constants, oemkit('oemkit')),
    'astrato-sample': page(constants, iframeFirst('astrato-sample', SAMPLE_DEBOUNCE)),
    'hand-written': page(constants, handWritten('hand-written')),
    'hand-written-ssr': page(constants, handWritten('hand-written')),
    // Not one of the three: the sample's order without its debounce, to price trying the iframe first.
    'iframe-first': page(constants, iframeFirst('iframe-first', 0)),
  };
}

/** The flows whose host page is rendered with a ticket minted by the server for that request. */
export const SERVER_RENDERED = new Set(['oemkit-ssr', 'hand-written-ssr']);

/**
 * A host page. `serverTicket` is what the server minted while rendering it; the page script reads
 * it as `window.SERVER_TICKET`. Every page notes when it first heard a 401Error (`window.lostAt`),
 * so a lost-session time starts when the page could know, not when the test ended the session.
 */
export const hostPage = (script, serverTicket) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,">
<style>div{width:1000px;height:600px}iframe{width:100%;height:100%;border:0}</style></head>
<body><div id="dashboard"></div><script>
addEventListener('message', (e) => { if (e.data?.message === '401Error') window.lostAt ??= performance.timeOrigin + performance.now(); });
window.SERVER_TICKET = ${JSON.stringify(serverTicket ?? null).replace(/</g, '\\u003c')} ?? undefined;
${script}</script></body></html>`;
