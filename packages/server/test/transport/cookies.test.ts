import { describe, expect, it } from 'vitest';
import { parseCookies } from '../../src/index.js';

describe('parseCookies', () => {
  it('reads each cookie of a request by its exact name', () => {
    const request = new Request('https://host.test/api/ticket', { method: 'POST', headers: { cookie: 'xsid=evil; sid=session-123; theme=dark' } });
    expect(parseCookies(request).get('sid')).toBe('session-123');
    expect([...parseCookies(request).keys()]).toEqual(['xsid', 'sid', 'theme']);
  });

  it('cuts each pair at its first =, trims, and drops one pair of quotes', () => {
    expect(Object.fromEntries(parseCookies(' a = b=c ;q="quoted value";empty=;lone=";novalue'))).toEqual({ a: 'b=c', q: 'quoted value', empty: '', lone: '"' });
  });

  it('keeps the first of a repeated name, as browsers send the most specific first', () => {
    expect(parseCookies('sid=path-specific; sid=site-wide').get('sid')).toBe('path-specific');
  });

  it('reads nothing from a request without cookies or a missing header', () => {
    expect(parseCookies(new Request('https://host.test/')).size).toBe(0);
    expect(parseCookies(null).size).toBe(0);
    expect(parseCookies(undefined).size).toBe(0);
  });
});
