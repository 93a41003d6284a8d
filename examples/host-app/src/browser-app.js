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
  void fetch('/api/steps', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ step, detail }) });
}

const dashboard = embedDashboard({
  container: '#dashboard',
  embedUrl: config.embedLink,
  baseUrl: config.astratoUrl,
  ticketUrl: '/api/astrato-ticket',
});
report('ticket', 'asked the host backend for a ticket id');
dashboard.ready.then(
  () => report('redemption', 'ticket redeemed as a top-level request; session cookie set; iframe injected'),
  () => undefined,
);
dashboard.on('load', () => report('iframe', 'dashboard loaded'));
dashboard.on('sessionRecovered', () => report('recovery', 'session was lost; fresh ticket redeemed and dashboard reloaded'));
dashboard.on('error', (error) => report('error', `${error.code}: ${error.message}`));

/** @type {Record<string, string[]>} */
let filters = {};
for (const button of document.querySelectorAll('[data-preset]')) {
  button.addEventListener('click', () => {
    filters = { ...filters, ...config.presets[Number(/** @type {HTMLElement} */ (button).dataset.preset)].filters };
    dashboard.setFilters(filters);
    report('filters', JSON.stringify(filters));
  });
}
document.querySelector('[data-clear]')?.addEventListener('click', () => {
  filters = {};
  dashboard.setFilters(filters);
  report('filters', 'cleared in the host (Astrato keeps what it applied until the next reload)');
});
document.querySelector('[data-end-session]')?.addEventListener('click', async () => {
  await fetch(`${config.astratoUrl}/__emulator/end-sessions`, { method: 'POST' });
  report('session', 'ended on the emulator; waiting for the dashboard to notice');
});
document.getElementById('sign-out')?.addEventListener('submit', async (event) => {
  event.preventDefault();
  dashboard.destroy();
  await signOut({ baseUrl: config.astratoUrl }).catch(() => undefined);
  report('sign-out', 'Astrato session ended; signing out of the host');
  /** @type {HTMLFormElement} */ (event.target).submit();
});
