import { describe, expect, it } from 'vitest';
import { registrableDomain, sameSite } from '../../../src/cli/doctor/site.js';

describe('sameSite', () => {
  it('counts subdomains of one registrable domain as one site, ports aside', () => {
    expect(sameSite(new URL('https://app.example.com'), new URL('https://bi.example.com:8443'))).toBe(true);
    expect(sameSite(new URL('https://app.example.com'), new URL('https://acme.astrato.io'))).toBe(false);
  });

  it('tells http from https of one host (schemeful same-site)', () => {
    expect(sameSite(new URL('http://example.com'), new URL('https://example.com'))).toBe(false);
  });

  it('keeps IP addresses and single labels whole, and a country suffix of two labels', () => {
    expect(registrableDomain('127.0.0.1')).toBe('127.0.0.1');
    expect(registrableDomain('localhost')).toBe('localhost');
    expect(registrableDomain('app.example.co.uk')).toBe('example.co.uk');
    expect(registrableDomain('a.b.example.com')).toBe('example.com');
  });
});
