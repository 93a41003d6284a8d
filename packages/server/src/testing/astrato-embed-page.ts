/**
 * @module The emulator's embed page: a small dashboard that behaves, towards the host page, like an
 * Astrato embed.
 */
import type { SessionGrant } from './astrato-state.js';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
// JSON inside a <script> must not be able to close it.
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The page script. It parses DYNAMIC FILTERING the way Astrato's action does: split the payload
 * on ";", each instruction on "|" (field is part 1, values part 2), the values on ",", and trim
 * nothing. An instruction with an empty field (the one after the final ";") applies nothing.
 * With no session it posts { type: 'Astrato', message: '401Error' } to the host, as Astrato does,
 * at load and whenever its session check (standing in for Astrato's own API calls) fails.
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
function render() {
  const list = document.getElementById('applied');
  list.replaceChildren(...[...applied].map(([field, values]) => {
    const item = document.createElement('li');
    item.dataset.field = field;
    item.textContent = field + ' = ' + values.join(' | ');
    return item;
  }));
  document.getElementById('applied-json').textContent = JSON.stringify([...applied]);
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
if (!state.signedIn) lost();
else setInterval(async () => {
  if (document.body.dataset.session === 'lost') return;
  const response = await fetch('/auth/proxy/session', { credentials: 'same-origin' }).catch(() => undefined);
  if (response && response.status === 401) lost();
}, state.heartbeat);
`;

/** @internal */
export function embedPage(shortId: string, title: string, grant: SessionGrant | undefined, heartbeat: number): string {
  const rows = grant
    ? Object.entries(grant.filterParameters)
        .map(([key, value]) => `<tr><td>${escape(key)}</td><td>${escape(JSON.stringify(value))}</td></tr>`)
        .join('')
    : '';
  const access = grant && grant.groupIds.length === 0 ? '<p data-testid="no-access">No group: this user has no access to data.</p>' : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:16px;color:#1d2433}h1{font-size:18px}table{border-collapse:collapse}td{border:1px solid #ccd;padding:2px 6px}
pre{background:#f4f5f8;padding:6px;white-space:pre-wrap}[data-session=lost] main{opacity:.35}</style></head>
<body data-session="${grant ? 'active' : 'none'}">
<p id="status" data-testid="status">${grant ? `Signed in as ${escape(grant.user.email)}` : 'No Astrato session'}</p>
<main>
<h1 data-testid="title">${escape(title)} <small>(emulated embed ${escape(shortId)})</small></h1>
${grant ? `<p data-testid="user">${escape(grant.user.name)} &lt;${escape(grant.user.email)}&gt; · groups: ${escape(grant.groupIds.join(', ') || 'none')}</p>` : ''}
${access}
<h2>Row-level filter parameters</h2>
<table data-testid="parameters">${rows || '<tr><td>none</td></tr>'}</table>
<h2>Applied dynamic filters</h2>
<ul id="applied" data-testid="applied"></ul>
<pre id="applied-json" data-testid="applied-json">[]</pre>
<h2>Received DYNAMIC FILTERING events (sender origin, payload)</h2>
<pre id="events" data-testid="events"></pre>
</main>
<script type="application/json" id="state">${scriptJson({ signedIn: Boolean(grant), heartbeat })}</script>
<script>${SCRIPT}</script>
</body></html>`;
}
