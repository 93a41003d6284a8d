/**
 * The embed page's diagnostics panel: everything the emulator received (the session's
 * user, groups and row-level parameters, the embed link's variables and query filters, the
 * dynamic filters) and every workbook message posted or received, each readable by tests through
 * `data-testid` and `data-*` attributes.
 *
 * @module
 */
import type { EmbedInitialState } from './astrato-embed-link.js';
import { formatQueryFilter } from './astrato-link-state.js';
import type { SessionGrant } from './astrato-state.js';

/** @internal Escapes text for HTML content and quoted attributes. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** @internal The panel's styles. */
export const DIAGNOSTICS_STYLE = `.diag{overflow:auto;font-size:12px;color:#4a5268}.diag h2{font-size:13px;margin:0;color:#1d2433}
.diag h3{font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:#7a8194;margin:12px 0 4px}
.diag p{margin:4px 0}.diag table{border-collapse:collapse;font:12px ui-monospace,monospace}.diag td{border:1px solid #e3e6ef;padding:2px 6px}
.diag ul,.diag ol{margin:0;padding-left:18px}.diag summary{cursor:pointer;color:#7a8194;margin-top:4px}
.diag li{word-break:break-all}.diag [data-applied=false]{color:#a5531f}.diag [role=alert]{color:#b42318;font-weight:600}
.diag textarea{width:100%;font:11px ui-monospace,monospace}.diag form{margin:4px 0}.diag input{width:5em}
pre{background:#f6f7fb;padding:6px;margin:4px 0 0;white-space:pre-wrap;word-break:break-all;font:11px ui-monospace,monospace}
ul:empty::before,ol:empty::before,pre:empty::before{content:'None yet';color:#9aa0b2;font:12px system-ui,sans-serif}ul:empty,ol:empty{padding:0}`;

const listItem = (attributes: Record<string, string>, text: string) =>
  `<li ${Object.entries(attributes)
    .map(([name, value]) => `data-${name}="${escapeHtml(value)}"`)
    .join(' ')}>${escapeHtml(text)}</li>`;

function linkSection(link: EmbedInitialState): string {
  const variables = link.variables.map(([name, value]) => listItem({ name, value }, `${name} = ${value}`)).join('');
  const filters = link.queryFilters
    .map((filter) =>
      listItem(
        { path: `${filter.model}/${filter.table}/${filter.field}`, values: JSON.stringify(filter.values), applied: String(filter.appliesTo !== null) },
        formatQueryFilter(filter) +
          (filter.appliesTo === null ? ': unknown field, not applied' : ''),
      ),
    )
    .join('');
  return `<h3>Embed link: variables</h3>
<ul data-testid="variables">${variables}</ul>
<h3>Embed link: query filters (applied from the first paint)</h3>
<ul data-testid="query-filters">${filters}</ul>
${link.error === undefined ? '' : `<p role="alert" data-testid="link-error">${escapeHtml(link.error)}</p>`}
<details><summary>As JSON</summary><pre data-testid="link-state-json">${escapeHtml(JSON.stringify(link))}</pre></details>`;
}

/** @internal The panel; `access` is whether the session's user is in any group. */
export function diagnosticsPanel(grant: SessionGrant | undefined, access: boolean, link: EmbedInitialState): string {
  const parameters = grant
    ? Object.entries(grant.filterParameters)
        .map(([key, value]) => `<tr><td>${escapeHtml(key)}</td><td>${escapeHtml(JSON.stringify(value))}</td></tr>`)
        .join('')
    : '';
  return `<aside class="card diag" aria-label="Diagnostics">
<h2>Diagnostics: what the emulator received</h2>
${grant ? `<p data-testid="user">${escapeHtml(grant.user.name)} &lt;${escapeHtml(grant.user.email)}&gt; · groups: ${escapeHtml(grant.groupIds.join(', ') || 'none')}</p>` : ''}
${grant && !access ? '<p data-testid="no-access">No group: this user has no access to data.</p>' : ''}
<h3>Row-level filter parameters (setup)</h3>
<table data-testid="parameters">${parameters || '<tr><td>none</td></tr>'}</table>
${linkSection(link)}
<h3>Applied dynamic filters</h3>
<ul id="applied" data-testid="applied"></ul>
<details><summary>As JSON</summary><pre id="applied-json" data-testid="applied-json">[]</pre></details>
<h3>DYNAMIC FILTERING events (sender origin, payload)</h3>
<pre id="events" data-testid="events"></pre>
<h3>Workbook messages posted to the host (target origin, message)</h3>
<ol id="posted" data-testid="posted" data-count="0"></ol>
<h3>Go-to-sheet messages received (sender origin, message: outcome)</h3>
<ul id="received" data-testid="received"></ul>
<details><summary>Post a test message to the host</summary>
<form id="post-test" data-testid="post-test"><textarea name="message" rows="3" aria-label="Message as JSON">{"type":"TEST","payload":1}</textarea>
<label>Times <input name="times" type="number" min="1" value="1"></label> <button>Post</button> <output name="result" data-testid="post-result"></output></form></details>
</aside>`;
}
