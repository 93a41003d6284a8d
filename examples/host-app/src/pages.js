// @ts-check
/** The example's two pages: sign-in, and the dashboard with its filter and sheet buttons. */
import { INITIAL_STATE, WORKBOOK } from './workbook.js';

/** @param {string} text */
const escape = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font:15px system-ui,sans-serif;margin:0;color:#1d2433;background:#f6f7fb}
header{display:flex;gap:12px;align-items:center;padding:12px 20px;background:#1d2433;color:#fff}
header form{margin-left:auto}main{padding:16px 20px}button{font:inherit;padding:6px 12px;border-radius:6px;border:1px solid #99a;background:#fff;cursor:pointer}
#dashboard{height:560px;background:#fff;border:1px solid #dde;border-radius:8px;overflow:hidden}.bar{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 12px}
#log{white-space:pre-wrap;font:12px ui-monospace,monospace;background:#fff;border:1px solid #dde;padding:8px;max-height:160px;overflow:auto}
.bar .label{align-self:center;color:#5a6178;font-size:13px}.bar .end{margin-left:auto}button[aria-pressed=true]{background:#1d2433;color:#fff;border-color:#1d2433}
.bar output{align-self:center;font-size:13px;padding:4px 10px;border-radius:6px;background:#eef2fd;color:#2a4aa8}`;

// An inline icon: without one the browser asks for /favicon.ico, and its 404 is a console error.
const HEAD = `<meta charset="utf-8"><link rel="icon" href="data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1d2433"/><path d="M4 12V8M8 12V4M12 12V6" stroke="#fff" stroke-width="2"/></svg>',
)}"><style>${STYLE}</style>`;

/**
 * @param {{ error?: string }} [options]
 */
export function signInPage(options = {}) {
  return `<!DOCTYPE html><html lang="en"><head><title>Acme Analytics: sign in</title>${HEAD}</head>
<body><header><strong>Acme Analytics</strong></header><main>
<h1>Sign in</h1>
<p>Like Astrato's own sample app: just an email. Try <code>ana@acme.test</code>, <code>bo@globex.test</code> or <code>admin@acme.test</code>
(who sees every organisation); any other domain gets an organisation of its own, with no rows in the emulated dashboard.</p>
${options.error ? `<p role="alert">${escape(options.error)}</p>` : ''}
<form method="post" action="/sign-in"><label>Email <input name="email" type="email" required autofocus></label> <button>Sign in</button></form>
</main></body></html>`;
}

/** The filters of Astrato's dynamic-filtering examples, as buttons. */
export const FILTER_PRESETS = [
  { label: 'Fresh & Frozen', filters: { 'Product Dim.Hierarchy Lvl2 Name': ['Fresh', 'Frozen'] } },
  { label: 'Grocery', filters: { 'Product Dim.Hierarchy Lvl2 Name': ['Grocery'] } },
  { label: 'United Kingdom', filters: { 'Region Dim.Country Name': ['United Kingdom'] } },
  { label: 'Year 2026', filters: { 'Date Dim.Year': ['2026'] } },
];

/**
 * @param {{ email: string, parameters: Record<string, unknown>, astratoUrl: string, embedLink: string, emulator: boolean }} view
 */
export function dashboardPage(view) {
  // The initial state and the sheets are the emulated workbook's; a real tenant's model and sheets are its own.
  const workbook = view.emulator ? WORKBOOK : undefined;
  const initialState = view.emulator ? { variables: INITIAL_STATE.variables, queryFilters: INITIAL_STATE.queryFilters } : undefined;
  const config = { astratoUrl: view.astratoUrl, embedLink: view.embedLink, emulator: view.emulator, presets: FILTER_PRESETS, workbook, initialState };
  return `<!DOCTYPE html><html lang="en"><head><title>Acme Analytics</title>${HEAD}</head>
<body><header><strong>Acme Analytics</strong><span data-testid="host-user">${escape(view.email)}</span>
<form method="post" action="/sign-out" id="sign-out"><button>Sign out</button></form></header>
<main>
<p>Row-level parameters sent in setup: <code data-testid="host-parameters">${escape(JSON.stringify(view.parameters))}</code></p>
${view.emulator ? `<p>First render, from the embed link: <code data-testid="host-initial-state">${escape(INITIAL_STATE.label)}</code></p>` : ''}
<div class="bar"><span class="label">Filters</span>${FILTER_PRESETS.map((preset, index) => `<button data-preset="${index}" aria-pressed="false">${escape(preset.label)}</button>`).join('')}
<button data-clear title="Astrato's filter action can set filters but not remove them, so this loads the dashboard again as its embed link starts it">Clear filters (reloads the dashboard)</button>
${view.emulator ? '<button class="end" data-end-session title="Ends every session on the emulator, as expiry would">End Astrato session (emulator)</button>' : ''}</div>
${
  workbook
    ? `<div class="bar"><span class="label">Sheets</span>${workbook.sheets.map((sheet) => `<button data-go-to-sheet="${escape(sheet)}" aria-pressed="false">Go to ${escape(sheet)}</button>`).join('')}
<output data-testid="selection">Selected: nothing yet (click a bar)</output></div>`
    : ''
}
<div id="dashboard"></div>
<h2>Steps</h2><div id="log" data-testid="log"></div>
</main>
<script type="application/json" id="config">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>
<script src="/app.js"></script></body></html>`;
}
