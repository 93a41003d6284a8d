// @ts-check
/// <reference types="vite/client" />
import { embedDashboard } from '@oemkit/browser';

const astratoUrl = import.meta.env.VITE_ASTRATO_URL;
const dashboard = embedDashboard({
  container: '#dashboard',
  baseUrl: astratoUrl,
  embedUrl: `${astratoUrl}/embed/sales`,
  // Served by Vite's proxy from the backend: same origin as the page.
  ticketUrl: '/api/astrato-ticket',
});
dashboard.on('error', (error) => (/** @type {HTMLElement} */ (document.getElementById('problem')).textContent = `${error.code}: ${error.message}`));
