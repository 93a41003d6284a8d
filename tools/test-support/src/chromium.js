// @ts-check
/**
 * Debian's Chromium, headless: the one browser this machine class can install (test tools' own
 * browser downloads are blocked; scripts/ensure-chromium.mjs installs it). Plain JavaScript, so
 * scripts outside vitest (the release check) launch it the same way.
 */
import { chromium } from 'playwright-core';

/** Where Chromium is: `CHROMIUM_PATH`, else Debian's. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launches it. The background-networking flags matter: without them Chromium keeps dialling
 * Google hosts, which this sandbox refuses.
 *
 * @returns {Promise<import('playwright-core').Browser>}
 */
export function launchChromium() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
