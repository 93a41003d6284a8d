import { describe, expect, it } from 'vitest';
import { framingVerdict } from '../../../src/cli/doctor/frame-ancestors.js';

const page = new URL('https://acme.astrato.io/embed/AbC123');
const allowed = (host: string, csp: string | null, xfo: string | null = null) => framingVerdict(new URL(host), page, csp, xfo).allowed;

describe('framingVerdict', () => {
  it('allows any host when neither header is sent', () => {
    expect(allowed('https://app.example.com', null)).toBe(true);
  });

  it("matches 'self' only on the embed page's own origin", () => {
    expect(allowed('https://acme.astrato.io', "frame-ancestors 'self'")).toBe(true);
    expect(allowed('https://app.example.com', "frame-ancestors 'self'")).toBe(false);
  });

  it("refuses every host for 'none' and for an empty list", () => {
    expect(allowed('https://acme.astrato.io', "frame-ancestors 'none'")).toBe(false);
    expect(allowed('https://acme.astrato.io', 'frame-ancestors;')).toBe(false);
  });

  it('matches host sources by scheme, host, wildcard subdomain and port', () => {
    expect(allowed('https://app.example.com', 'frame-ancestors https://app.example.com')).toBe(true);
    expect(allowed('https://app.example.com', 'frame-ancestors app.example.com')).toBe(true);
    expect(allowed('http://app.example.com', 'frame-ancestors https://app.example.com')).toBe(false);
    expect(allowed('https://app.example.com', 'frame-ancestors http://app.example.com')).toBe(true);
    expect(allowed('https://app.example.com', 'frame-ancestors *.example.com')).toBe(true);
    expect(allowed('https://example.com', 'frame-ancestors *.example.com')).toBe(false);
    expect(allowed('https://app.example.com:8443', 'frame-ancestors https://app.example.com')).toBe(false);
    expect(allowed('https://app.example.com:8443', 'frame-ancestors https://app.example.com:*')).toBe(true);
    expect(allowed('https://app.example.com:8443', 'frame-ancestors https://app.example.com:8443/any/path')).toBe(true);
  });

  it('matches * and scheme sources', () => {
    expect(allowed('https://app.example.com', 'frame-ancestors *')).toBe(true);
    expect(allowed('https://app.example.com', 'frame-ancestors https:')).toBe(true);
    expect(allowed('http://app.example.com', 'frame-ancestors https:')).toBe(false);
  });

  it('needs every policy to allow the host when several are sent', () => {
    expect(allowed('https://app.example.com', "default-src 'self'; frame-ancestors *, frame-ancestors 'self'")).toBe(false);
    expect(allowed('https://app.example.com', "default-src 'self', frame-ancestors https://app.example.com")).toBe(true);
  });

  it('ignores X-Frame-Options when frame-ancestors is present, as browsers do', () => {
    expect(allowed('https://app.example.com', 'frame-ancestors https://app.example.com', 'DENY')).toBe(true);
  });

  it('reads X-Frame-Options: DENY, SAMEORIGIN, conflicting values and ALLOW-FROM', () => {
    expect(allowed('https://app.example.com', null, 'DENY')).toBe(false);
    expect(allowed('https://app.example.com', null, 'sameorigin')).toBe(false);
    expect(allowed('https://acme.astrato.io', null, 'SAMEORIGIN')).toBe(true);
    expect(allowed('https://acme.astrato.io', null, 'SAMEORIGIN, DENY')).toBe(false);
    expect(framingVerdict(new URL('https://app.example.com'), page, null, 'ALLOW-FROM https://app.example.com')).toEqual({
      allowed: true,
      reason: 'X-Frame-Options: ALLOW-FROM https://app.example.com (ignored by browsers)',
    });
  });
});
