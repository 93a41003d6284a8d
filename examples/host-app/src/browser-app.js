// @ts-check
/**
 * The host page's front end: embeds the dashboard through the host's own ticket endpoint, its
 * first render filtered through the embed link, wires the filter and sheet buttons, shows what
 * the workbook reports (the bar clicked, the active sheet), and signs out of Astrato before
 * signing out of the host. Each step is shown on the page and reported to the backend's step log.
 */
import { embedDashboard, signOut } from '@oemkit/browser';

const config = JSON.parse(/** @type {HTMLElement} */ (document.getElementById('config')).textContent ?? '{}');
const logElement = /** @type {HTMLElement} */ (document.getElementById('log'));

/** @param {string} step @param {string} detail */
function report(step, detail) {
  logElement.textContent += `${new Date().toLocaleTimeString()}  ${step}: ${detail}\n`;
  // keepalive: a report sent just before the page navigates away (sign-out) still arrives.
  void fetch('/api/steps', { method: 'POST', keepalive: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ step, detail }) }).catch(() => undefined);
}

/** @type {{ sheets: string[], reportSelection: string, reportActiveSheet: string, goToSheet: string } | undefined} */
const workbook = config.workbook;
const sheetButtons = /** @type {HTMLElement[]} */ ([...document.querySelectorAll('[data-go-to-sheet]')]);
const selection = document.querySelector('[data-testid=selection]');

/**
 * What the workbook posted. Its names and payloads are the workbook author's: oemkit checks the
 * sender (our iframe, Astrato's origin), the page checks the payload's shape before using it.
 * @param {{ type: string, payload: unknown }} message
 */
function onWorkbookMessage({ type, payload }) {
  report('message', `the workbook posted ${type} ${JSON.stringify(payload)}`);
  if (type === workbook?.reportSelection && selection) {
    const values = /** @type {{ values?: unknown } | null} */ (payload)?.values;
    if (Array.isArray(values)) selection.textContent = `Selected: ${values.map(String).join(', ')}`;
  } else if (type === workbook?.reportActiveSheet && typeof payload === 'string') {
    for (const button of sheetButtons) button.setAttribute('aria-pressed', String(button.dataset.goToSheet === payload));
  }
}

/** Embeds the dashboard and reports each step; called again to start it afresh. */
function embed() {
  const embedded = embedDashboard({
    container: '#dashboard',
    embedUrl: config.embedLink,
    baseUrl: config.astratoUrl,
    ticketUrl: '/api/astrato-ticket',
    // Written into the embed link: the first render is already filtered, with no message to wait for.
    ...config.initialState,
  });
  report('ticket', 'asked the host backend for a ticket id');
  if (config.initialState) report('initial state', `the embed link carries ${JSON.stringify(config.initialState)}`);
  embedded.ready.then(
    () => report('redemption', 'ticket redeemed as a top-level request; session cookie set; iframe injected'),
    () => undefined,
  );
  embedded.on('load', () => report('iframe', 'dashboard loaded'));
  embedded.on('sessionRecovered', () => report('recovery', 'session was lost; fresh ticket redeemed and dashboard reloaded'));
  embedded.on('error', (error) => report('error', `${error.code}: ${error.message}`));
  embedded.on('message', onWorkbookMessage);
  return embedded;
}
let dashboard = embed();

/** @type {Record<string, string[]>} */
let filters = {};
const presetButtons = /** @type {HTMLElement[]} */ ([...document.querySelectorAll('[data-preset]')]);
/** A preset is pressed while every filter it sets is the one in force. */
function showPressed() {
  for (const button of presetButtons) {
    const preset = config.presets[Number(button.dataset.preset)].filters;
    const pressed = Object.keys(preset).every((field) => JSON.stringify(filters[field]) === JSON.stringify(preset[field]));
    button.setAttribute('aria-pressed', String(pressed));
  }
}
for (const button of presetButtons) {
  button.addEventListener('click', () => {
    filters = { ...filters, ...config.presets[Number(button.dataset.preset)].filters };
    dashboard.setFilters(filters);
    showPressed();
    report('filters', JSON.stringify(filters));
  });
}
// Astrato's DYNAMIC FILTERING action sets filters and cannot remove one, so clearing starts the
// dashboard afresh: a new ticket and a new iframe, with only the embed link's initial state.
// reload() would keep the session but arm the loop guard, and "End Astrato session" right after
// would then stop recovery.
document.querySelector('[data-clear]')?.addEventListener('click', () => {
  filters = {};
  showPressed();
  dashboard.destroy();
  report('filters', 'cleared: the dashboard starts again as its embed link starts it');
  dashboard = embed();
});
for (const button of sheetButtons) {
  button.addEventListener('click', () => {
    if (!workbook) return;
    // Heard by the workbook's "On browser event" action, whose go-to block switches the sheet.
    dashboard.send(workbook.goToSheet, button.dataset.goToSheet);
    report('sheet', `asked the workbook to show ${button.dataset.goToSheet}`);
  });
}
document.querySelector('[data-end-session]')?.addEventListener('click', async () => {
  await fetch(`${config.astratoUrl}/__emulator/end-sessions`, { method: 'POST' });
  report('session', 'ended on the emulator; waiting for the dashboard to notice');
});
document.getElementById('sign-out')?.addEventListener('submit', async (event) => {
  event.preventDefault();
  dashboard.destroy();
  await signOut({ baseUrl: config.astratoUrl }).then(
    () => report('sign-out', 'Astrato session ended; signing out of the host'),
    (error) => report('sign-out', `Astrato sign-out failed (${error.code}); signing out of the host anyway`),
  );
  /** @type {HTMLFormElement} */ (event.target).submit();
});
