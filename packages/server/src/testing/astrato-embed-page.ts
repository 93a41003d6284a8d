/**
 * @module The emulator's embed page: a small dashboard that behaves, towards the host page, like an
 * Astrato embed. A chart shows made-up sales, reduced by the session's row-level `org_id` and
 * filtered by the DYNAMIC FILTERING messages it receives; a diagnostics panel beside it shows
 * exactly what the emulator received.
 */
import { CHART_SCRIPT, CHART_STYLE } from './astrato-embed-chart.js';
import { rowLevelView, SALES_MODEL } from './astrato-embed-data.js';
import type { SessionGrant } from './astrato-state.js';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
// JSON inside a <script> must not be able to close it.
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The page script. It parses DYNAMIC FILTERING the way Astrato's action does: split the payload
 * on ";", each instruction on "|" (field is part 1, values part 2), the values on ",", and trim
 * nothing. An instruction with an empty field (the one after the final ";") applies nothing.
 * With no session it posts { type: 'Astrato', message: '401Error' } to the host, as Astrato does,
 * at load and whenever its session check (standing in for Astrato's own API calls) finds none.
 * The check answers 200 either way, so a lost session is no failed request in the console.
 */
const SCRIPT = `
const state = JSON.parse(document.getElementById('state').textContent);
const applied = new Map();
const host = document.referrer ? new URL(document.referrer).origin : '*';
const lost = () => {
  document.body.dataset.session = 'lost';
  document.getElementById('status').textContent = 'No Astrato session';
  parent.postMessage({ type: 'Astrato', message: '401Error' }, host);
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
  drawChart(applied);
}
addEventListener('message', (event) => {
  if (event.source !== parent || !event.data || event.data.type !== 'DYNAMIC FILTERING') return;
  const log = document.getElementById('events');
  log.textContent += event.origin + ' ' + JSON.stringify(event.data.payload) + '\\n';
  for (const instruction of String(event.data.payload).split(';')) {
    const field = instruction.split('|')[0];
    const values = (instruction.split('|')[1] ?? '').split(',');
    if (field !== '') applied.set(field, values);
  }
  render();
});
render();
new ResizeObserver(() => drawChart(applied)).observe(document.getElementById('chart'));
if (!state.signedIn) lost();
else setInterval(async () => {
  if (document.body.dataset.session === 'lost') return;
  const answer = await fetch('/__emulator/session', { credentials: 'same-origin' }).then((response) => response.json()).catch(() => undefined);
  if (answer && answer.active === false) lost();
}, state.heartbeat);
`;

const STYLE = `*{box-sizing:border-box}body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d2433;background:#f3f5fa;height:100vh;display:flex;flex-direction:column}
header{display:flex;align-items:baseline;gap:10px;padding:10px 16px;background:#fff;border-bottom:1px solid #e3e6ef}
h1{font-size:16px;margin:0}h1 small{font-weight:400;color:#7a8194;font-size:12px}#status{margin:0 0 0 auto;font-size:13px;color:#4a5268}
main{flex:1;min-height:0;display:grid;grid-template-columns:minmax(0,3fr) minmax(240px,2fr);gap:12px;padding:12px 16px}
@media (max-width:760px){main{grid-template-columns:minmax(0,1fr);overflow:auto}}.diag{overflow:auto}
.card{background:#fff;border:1px solid #e3e6ef;border-radius:8px;padding:12px 14px}
.diag{font-size:12px;color:#4a5268}.diag h2{font-size:13px;margin:0;color:#1d2433}
.diag h3{font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:#7a8194;margin:12px 0 4px}
.diag p{margin:4px 0}.diag table{border-collapse:collapse;font:12px ui-monospace,monospace}.diag td{border:1px solid #e3e6ef;padding:2px 6px}
.diag ul{margin:0;padding-left:18px}.diag summary{cursor:pointer;color:#7a8194;margin-top:4px}
pre{background:#f6f7fb;padding:6px;margin:4px 0 0;white-space:pre-wrap;word-break:break-all;font:11px ui-monospace,monospace}
ul:empty::before,pre:empty::before{content:'None yet';color:#9aa0b2;font:12px system-ui,sans-serif}ul:empty{padding:0}
[data-session=lost] main{opacity:.35}${CHART_STYLE}`;

/** @internal */
export function embedPage(shortId: string, title: string, grant: SessionGrant | undefined, heartbeat: number): string {
  const rows = grant
    ? Object.entries(grant.filterParameters)
        .map(([key, value]) => `<tr><td>${escape(key)}</td><td>${escape(JSON.stringify(value))}</td></tr>`)
        .join('')
    : '';
  const access = Boolean(grant && grant.groupIds.length > 0);
  // Row-level reduction happens here, on the server: the page never receives another org's rows.
  const view = grant && access ? rowLevelView(grant.filterParameters) : { org: undefined, rows: [] };
  // JSON leaves out an undefined org: the page tells "no org_id parameter" (undefined) from "cleared" (null).
  const state = { signedIn: Boolean(grant), heartbeat, access, org: view.org, rows: view.rows, model: SALES_MODEL };
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title><style>${STYLE}</style></head>
<body data-session="${grant ? 'active' : 'none'}">
<header><h1 data-testid="title">${escape(title)} <small>(emulated embed ${escape(shortId)})</small></h1>
<p id="status" data-testid="status">${grant ? `Signed in as ${escape(grant.user.email)}` : 'No Astrato session'}</p></header>
<main>
<section class="card chart" aria-label="${escape(title)}">
<div class="chips" id="chips" data-testid="chips"></div>
<div class="kpis"><div class="kpi"><b id="total" data-testid="total"></b><span>Net sales</span></div>
<div class="kpi"><b id="top-country"></b><span>Top country</span></div><div class="kpi"><b id="top-group"></b><span>Top product group</span></div></div>
<div class="chart-head"><h2>Net sales by product group</h2><span id="chart-note"></span></div>
<div id="chart"></div><div class="legend" id="legend" data-testid="legend"></div>
</section>
<aside class="card diag" aria-label="Diagnostics">
<h2>Diagnostics: what the emulator received</h2>
${grant ? `<p data-testid="user">${escape(grant.user.name)} &lt;${escape(grant.user.email)}&gt; · groups: ${escape(grant.groupIds.join(', ') || 'none')}</p>` : ''}
${grant && !access ? '<p data-testid="no-access">No group: this user has no access to data.</p>' : ''}
<h3>Row-level filter parameters (setup)</h3>
<table data-testid="parameters">${rows || '<tr><td>none</td></tr>'}</table>
<h3>Applied dynamic filters</h3>
<ul id="applied" data-testid="applied"></ul>
<details><summary>As JSON</summary><pre id="applied-json" data-testid="applied-json">[]</pre></details>
<h3>DYNAMIC FILTERING events (sender origin, payload)</h3>
<pre id="events" data-testid="events"></pre>
</aside>
</main>
<script type="application/json" id="state">${scriptJson(state)}</script>
<script>(() => {${SCRIPT}})();</script>
</body></html>`;
}
