/**
 * The emulator's stand-in for Astrato's own UI, where a redemption without `?embed` lands.
 *
 * @module
 */
import { escapeHtml } from './astrato-embed-diagnostics.js';
import type { SessionGrant } from './astrato-state.js';

/**
 * @internal The page at `/`. Astrato's OEM page says a redemption "creates a user session cookie
 * under the hood and redirects to Astrato UI"; where that UI lives is not documented, so the
 * emulator redirects to its root and answers there with who is signed in, or that nobody is.
 */
export function uiPage(grant: SessionGrant | undefined): string {
  const who = grant ? `Signed in as ${escapeHtml(grant.user.email)}` : 'Not signed in';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Astrato (emulated)</title></head><body><h1>Astrato (emulated)</h1><p id="who">${who}</p></body></html>`;
}
