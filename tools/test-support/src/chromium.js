// @ts-check
/**
 * Debian's Chromium, headless: the one browser this machine class can install (test tools' own
 * browser downloads are blocked; scripts/ensure-system-tools.mjs installs it), and the watcher that
 * collects what a developer would see go wrong on a page. Plain JavaScript, so scripts outside
 * vitest (the release check) launch it the same way.
 */
import { chromium } from 'playwright-core';
import { chromiumPath } from './system-tools.js';

export { chromiumPath };

/**
 * The flags it runs with, for a test that must launch it another way (a persistent profile). The
 * background-networking flags matter: without them Chromium keeps dialling Google hosts, which
 * this sandbox refuses.
 */
export const CHROMIUM_ARGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

/**
 * Launches it, with {@link CHROMIUM_ARGS}.
 *
 * @returns {Promise<import('playwright-core').Browser>}
 */
export function launchChromium() {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: [...CHROMIUM_ARGS] });
}

/**
 * @typedef {object} PageProblemOptions
 * @property {boolean} [warnings] Console warnings count as well as console errors (default: false).
 * @property {boolean} [uncaught] Uncaught exceptions count (default: true).
 * @property {(request: import('playwright-core').Request) => boolean} [failedRequests] Which failed
 *   requests count, each shown on Chrome's console as net::ERR_... (default: none).
 */

/**
 * Collects what a developer would see go wrong on `page` from now on: console errors (a 404
 * favicon is one), uncaught exceptions, and the failed requests the caller names, each as a line
 * that says where it came from. A test expects the list to be empty.
 *
 * @example
 * const problems = watchPageProblems(page, { failedRequests: (request) => request.url().includes('/sign_out') });
 * // ...drive the page...
 * expect(problems).toEqual([]);
 *
 * @param {import('playwright-core').Page} page
 * @param {PageProblemOptions} [options]
 * @returns {string[]} The problems so far; it grows as the page reports more.
 */
export function watchPageProblems(page, { warnings = false, uncaught = true, failedRequests = () => false } = {}) {
  /** @type {string[]} */
  const problems = [];
  page.on('console', (message) => {
    const type = message.type();
    const where = message.location().url;
    if (type === 'error' || (warnings && type === 'warning')) problems.push(`console ${type}: ${message.text()}${where ? ` at ${where}` : ''}`);
  });
  if (uncaught) page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    if (failedRequests(request)) problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  return problems;
}
