import { describe, expect, it } from 'vitest';
import { corsCheck, sessionCookieCheck } from '../../../src/cli/doctor/redemption-checks.js';

const host = new URL('https://app.example.com');
const astrato = new URL('https://acme.astrato.io');
const answer = (headers: Record<string, string>) => new Response(null, { status: 204, headers });

describe('corsCheck', () => {
  it('refuses a wildcard origin, which browsers refuse with credentials', () => {
    const wildcard = answer({ 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' });
    expect(corsCheck(host.origin, wildcard, wildcard)).toMatchObject({ status: 'fail', detail: expect.stringContaining('(* is refused with credentials)') });
  });

  it('needs Allow-Credentials: true beside the echoed origin', () => {
    const noCredentials = answer({ 'access-control-allow-origin': host.origin });
    expect(corsCheck(host.origin, noCredentials, noCredentials)).toMatchObject({ status: 'fail', detail: expect.stringContaining('without Access-Control-Allow-Credentials: true') });
  });
});

describe('sessionCookieCheck', () => {
  it('passes any SameSite when the host shares Astrato’s site (a custom domain)', () => {
    expect(sessionCookieCheck(new URL('https://app.example.com'), new URL('https://bi.example.com'), ['s=1; Path=/; SameSite=Lax'])).toMatchObject({ status: 'pass' });
  });

  it('reads a cookie without SameSite as Lax, which a cross-site iframe never sends', () => {
    expect(sessionCookieCheck(host, astrato, ['s=1; Path=/; Secure'])).toMatchObject({ status: 'fail', detail: expect.stringContaining('SameSite=(none, read as Lax)') });
  });

  it('fails SameSite=None without Secure, which browsers reject', () => {
    expect(sessionCookieCheck(host, astrato, ['s=1; SameSite=None; Partitioned'])).toMatchObject({ status: 'fail' });
  });

  it('fails when no cookie was set at all', () => {
    expect(sessionCookieCheck(host, astrato, [])).toMatchObject({ status: 'fail', detail: 'the redemption set no cookie' });
  });
});

describe('corsCheck and the preflight', () => {
  const allowing = answer({ 'access-control-allow-origin': host.origin, 'access-control-allow-credentials': 'true' });

  it('passes on the GET alone, noting a refused preflight, since the redemption is a simple request', () => {
    const result = corsCheck(host.origin, answer({}), allowing);
    expect(result).toMatchObject({ status: 'pass', detail: expect.stringContaining('(note: OPTIONS preflight answered 204 without Access-Control-Allow-Origin;') });
  });

  it('fails a GET that does not allow the origin, whatever the preflight said', () => {
    expect(corsCheck(host.origin, allowing, answer({}))).toMatchObject({ status: 'fail', detail: 'GET answered 204 without Access-Control-Allow-Origin' });
  });
});
