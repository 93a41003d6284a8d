/**
 * How the emulated Astrato tenant is set up towards browsers: its session cookie's
 * attributes, whether its embed pages may be framed, and its clock (and how it tells a browser's
 * navigation from its fetch). A real tenant gets these wrong in ways that leave a blank iframe or
 * a session that never sticks; the emulator plays each one so `oemkit doctor` (and a host's own
 * tests) can be shown to catch it. CORS is the emulator's `allowedOrigins`.
 *
 * @module
 */

import type { EmulatorRoute } from './emulator-core.js';

/** The session cookie's attributes; each left out keeps the emulator's default. */
export interface SessionCookieSetup {
  sameSite?: 'None' | 'Lax' | 'Strict' | undefined;
  secure?: boolean | undefined;
  partitioned?: boolean | undefined;
}

/** The framing headers of the embed page; each left out is not sent. */
export interface FramingSetup {
  /** The source list of a `Content-Security-Policy: frame-ancestors` header, e.g. `'self' https://app.example.com`. */
  frameAncestors?: string | undefined;
  /** An `X-Frame-Options` value, e.g. `DENY` or `SAMEORIGIN`. */
  xFrameOptions?: string | undefined;
}

/**
 * `name=value; Path=/; HttpOnly; Max-Age=...` and the attributes: by default `SameSite=None; Secure`
 * over https (what a cross-site iframe needs) and `SameSite=Lax` over http, where a browser refuses
 * `Secure` from any host but localhost.
 */
export function sessionCookieHeader(name: string, value: string, maxAge: number, https: boolean, setup: SessionCookieSetup = {}): string {
  const sameSite = setup.sameSite ?? (https ? 'None' : 'Lax');
  const secure = setup.secure ?? https;
  return `${name}=${value}; Path=/; HttpOnly; Max-Age=${maxAge}; SameSite=${sameSite}${secure ? '; Secure' : ''}${setup.partitioned ? '; Partitioned' : ''}`;
}

/**
 * Whether a request is a top-level navigation (the address bar, `location = ...`, a link), which
 * the redemption answers with a redirect, rather than a page's `fetch`, which gets JSON: by
 * `Sec-Fetch-Mode` (Chromium, Firefox, Safari), else by an `Accept` that asks for HTML first.
 */
export function isNavigation(request: Request): boolean {
  const mode = request.headers.get('sec-fetch-mode');
  return mode ? mode === 'navigate' : /^text\/html/.test(request.headers.get('accept') ?? '');
}

/** The embed page's framing headers. */
export function framingHeaders(setup: FramingSetup = {}): Record<string, string> {
  return {
    ...(setup.frameAncestors === undefined ? {} : { 'content-security-policy': `frame-ancestors ${setup.frameAncestors}` }),
    ...(setup.xFrameOptions === undefined ? {} : { 'x-frame-options': setup.xFrameOptions }),
  };
}

/** A clock `skew` milliseconds off `now`: tokens, tickets and the `Date` header all follow it, as on a server whose clock is wrong. */
export function skewedClock(now: () => number, skew = 0): () => number {
  if (!Number.isFinite(skew)) throw new TypeError(`clockSkewMs must be a finite number of milliseconds, not ${String(skew)}`);
  return skew === 0 ? now : () => now() + skew;
}

/** Wraps a router so every answer carries a `Date` from the emulator's own clock, as a server's does. */
export function withDateHeader(route: EmulatorRoute, now: () => number): EmulatorRoute {
  return async (request, path, call) => {
    const response = await route(request, path, call);
    response.headers.set('date', new Date(now()).toUTCString());
    return response;
  };
}
