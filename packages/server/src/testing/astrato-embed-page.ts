/**
 * The emulator's embed page: a small dashboard that behaves, towards the host page, like an
 * Astrato embed. A chart shows made-up sales, reduced by the session's row-level `org_id`, filtered
 * from the first paint by the embed link's query filters and then by the DYNAMIC FILTERING
 * messages it receives; the workbook's messages go both ways; a diagnostics panel beside it shows
 * exactly what the emulator received.
 *
 * @module
 */
import { parseDynamicFiltering } from './astrato-dynamic-filtering.js';
import { CHART_SCRIPT, CHART_STYLE } from './astrato-embed-chart.js';
import { rowLevelView, SALES_MODEL } from './astrato-embed-data.js';
import { diagnosticsPanel, DIAGNOSTICS_STYLE, escapeHtml } from './astrato-embed-diagnostics.js';
import type { EmbedInitialState } from './astrato-embed-link.js';
import { WORKBOOK_SCRIPT, type PageWorkbook } from './astrato-embed-workbook.js';
import type { SessionGrant } from './astrato-state.js';

// JSON inside a <script> must not be able to close it.
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The page script. It parses DYNAMIC FILTERING the way Astrato's action does, with
 * {@link parseDynamicFiltering} (field names trimmed, as Astrato's two-line example needs).
 * With no session it posts { type: 'Astrato', message: '401Error' } to the host, as Astrato does,
 * at load and whenever its session check (standing in for Astrato's own API calls) finds none.
 * The check answers 200 either way, so a lost session is no failed request in the console.
 * The link's query filters on fields of the model filter the chart from the first paint; a
 * dynamic filter on the same field replaces the link's, as a new selection on a field does.
 * The first time bars are drawn (so with a session and data) it marks
 * `astrato-emulator:dashboard-drawn` in the frame's performance timeline, in the animation frame
 * that paints them: the moment a time-to-dashboard benchmark stops its clock.
 */
const SCRIPT = `
const parseDynamicFiltering = ${parseDynamicFiltering.toString()};
const state = JSON.parse(document.getElementById('state').textContent);
const applied = new Map();
const hostOrigin = document.referrer ? new URL(document.referrer).origin : undefined;
const linkFilters = state.link.queryFilters.filter((filter) => filter.appliesTo).map((filter) => [filter.appliesTo, filter.values]);
const lost = () => {
  document.body.dataset.session = 'lost';
  document.getElementById('status').textContent = 'No Astrato session';
  // As Astrato does: with no referrer (a no-referrer policy on the host) it still tells its parent.
  parent.postMessage({ type: 'Astrato', message: '401Error' }, hostOrigin ?? '*');
};
${CHART_SCRIPT}
function render() {
  const list = document.getElementById('applied');
  list.replaceChildren(...[...applied].map(([field, values]) => {
    const item = document.createElement('li');
    item.dataset.field = field;
    item.textContent = field + ' = ' + values.join(' | ');
    return item;
  }));
  document.getElementById('applied-json').textContent = JSON.stringify([...applied]);
  const drew = drawChart([...linkFilters.filter(([field]) => !applied.has(field)), ...applied]);
  if (drew && !document.body.dataset.drawn) {
    document.body.dataset.drawn = 'true';
    requestAnimationFrame(() => performance.mark('astrato-emulator:dashboard-drawn'));
  }
}
${WORKBOOK_SCRIPT}
addEventListener('message', (event) => {
  if (event.source !== parent || !event.data || event.data.type !== 'DYNAMIC FILTERING') return;
  const log = document.getElementById('events');
  log.textContent += event.origin + ' ' + JSON.stringify(event.data.payload) + '\\n';
  for (const [field, values] of parseDynamicFiltering(event.data.payload)) applied.set(field, values);
  render();
});
render();
showSheet(activeSheet);
new ResizeObserver(render).observe(document.getElementById('chart'));
if (!state.signedIn) lost();
else setInterval(async () => {
  if (document.body.dataset.session === 'lost') return;
  const answer = await fetch('/__emulator/session', { credentials: 'same-origin' }).then((response) => response.json()).catch(() => undefined);
  if (answer && answer.active === false) lost();
}, state.heartbeat);
`;

const STYLE = `*{box-sizing:border-box}body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d2433;background:#f3f5fa;height:100vh;display:flex;flex-direction:column}
header{display:flex;align-items:baseline;flex-wrap:wrap;gap:10px;padding:10px 16px;background:#fff;border-bottom:1px solid #e3e6ef}
h1{font-size:16px;margin:0}h1 small{font-weight:400;color:#7a8194;font-size:12px}#status{margin:0 0 0 auto;font-size:13px;color:#4a5268}
.sheet{font-size:13px;color:#4a5268}.sheets{display:flex;gap:4px}.sheets:empty{display:none}
.sheets button{font:12px system-ui,sans-serif;padding:3px 10px;border:1px solid #cfd9f7;border-radius:6px;background:#fff;cursor:pointer}
.sheets [aria-selected=true]{background:#2a4aa8;border-color:#2a4aa8;color:#fff}
main{flex:1;min-height:0;display:grid;grid-template-columns:minmax(0,3fr) minmax(240px,2fr);gap:12px;padding:12px 16px}
@media (max-width:760px){main{grid-template-columns:minmax(0,1fr);overflow:auto}}
.card{background:#fff;border:1px solid #e3e6ef;border-radius:8px;padding:12px 14px}
[data-session=lost] main{opacity:.35}${DIAGNOSTICS_STYLE}${CHART_STYLE}`;

/** @internal What one embed page shows. */
export interface EmbedPageView {
  shortId: string;
  title: string;
  grant: SessionGrant | undefined;
  heartbeat: number;
  link: EmbedInitialState;
  workbook: PageWorkbook;
}

/** @internal */
export function embedPage({ shortId, title, grant, heartbeat, link, workbook }: EmbedPageView): string {
  const access = Boolean(grant && grant.groupIds.length > 0);
  // Row-level reduction happens here, on the server: the page never receives another org's rows.
  const view = grant && access ? rowLevelView(grant.filterParameters) : { org: undefined, rows: [] };
  // JSON leaves out an undefined org: the page tells "no org_id parameter" (undefined) from "cleared" (null).
  const state = { signedIn: Boolean(grant), heartbeat, access, org: view.org, rows: view.rows, model: SALES_MODEL, link, workbook };
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body data-session="${grant ? 'active' : 'none'}">
<header><h1 data-testid="title">${escapeHtml(title)} <small>(emulated embed ${escapeHtml(shortId)})</small></h1>
<span class="sheet">Sheet: <b id="active-sheet" data-testid="active-sheet"></b></span>
<nav class="sheets" id="sheets" role="tablist" aria-label="Sheets" data-testid="sheets"></nav>
<p id="status" data-testid="status">${grant ? `Signed in as ${escapeHtml(grant.user.email)}` : 'No Astrato session'}</p></header>
<main>
<section class="card chart" aria-label="${escapeHtml(title)}">
<div class="chips" id="chips" data-testid="chips"></div>
<div class="kpis"><div class="kpi"><b id="total" data-testid="total"></b><span>Net sales</span></div>
<div class="kpi"><b id="top-country"></b><span>Top country</span></div><div class="kpi"><b id="top-group"></b><span>Top product group</span></div></div>
<div class="chart-head"><h2>Net sales by product group</h2><span id="chart-note"></span></div>
<div id="chart"></div><div class="legend" id="legend" data-testid="legend"></div>
</section>
${diagnosticsPanel(grant, access, link)}
</main>
<script type="application/json" id="state">${scriptJson(state)}</script>
<script>(() => {${SCRIPT}})();</script>
</body></html>`;
}
