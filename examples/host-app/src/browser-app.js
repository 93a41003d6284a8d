// @ts-check
/**
 * The host page's front end: embeds the dashboard through the host's own ticket endpoint,
 * wires the filter buttons, and signs out of Astrato before signing out of the host.
 * Each step is shown on the page and reported to the backend's step log.
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

/** Embeds the dashboard and reports each step; called again to start it afresh. */
function embed() {
  const embedded = embedDashboard({
    container: '#dashboard',
    embedUrl: config.embedLink,
    baseUrl: config.astratoUrl,
    ticketUrl: '/api/astrato-ticket',
  });
  report('ticket', 'asked the host backend for a ticket id');
  embedded.ready.then(
    () => report('redemption', 'ticket redeemed as a top-level request; session cookie set; iframe injected'),
    () => undefined,
  );
  embedded.on('load', () => report('iframe', 'dashboard loaded'));
  embedded.on('sessionRecovered', () => report('recovery', 'session was lost; fresh ticket redeemed and dashboard reloaded'));
  embedded.on('error', (error) => report('error', `${error.code}: ${error.message}`));
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
// dashboard afresh: a new ticket and a new iframe, with no filters. reload() would keep the session
// but arm the loop guard, and "End Astrato session" right after would then stop recovery.
document.querySelector('[data-clear]')?.addEventListener('click', () => {
  filters = {};
  showPressed();
  dashboard.destroy();
  report('filters', 'cleared: the dashboard starts again without filters');
  dashboard = embed();
});
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
