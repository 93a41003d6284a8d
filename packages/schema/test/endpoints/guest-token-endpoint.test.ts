import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GUEST_TOKEN_ENDPOINT_ERRORS,
  GUEST_TOKEN_FIELD,
  guestTokenEndpointErrorBodySchema,
  guestTokenEndpointResponseSchema,
  GUEST_TOKEN_EXPIRES_IN_FIELD,
  isGuestToken,
  isGuestTokenLifetime,
  readGuestToken,
  readGuestTokenAnswer,
  TICKET_ENDPOINT_ERRORS,
} from '../../src/index.js';

describe('the guest-token endpoint contract', () => {
  it('names the token field token, as DataBrain’s own answer does', () => {
    expect(GUEST_TOKEN_FIELD).toBe('token');
    expect(guestTokenEndpointResponseSchema.parse({ token: '3f2a9c4e-0b1d-4c8e-9a7f-2d6b5e1c0a93', extra: 1 })).toEqual({
      token: '3f2a9c4e-0b1d-4c8e-9a7f-2d6b5e1c0a93',
    });
  });

  it('refuses a token that is empty, has spaces or control characters, or is huge', () => {
    for (const token of ['', 'two words', 'line\nbreak', 'tab\t', 'é', 'x'.repeat(4097), 42, null]) {
      expect(isGuestToken(token)).toBe(false);
      expect(guestTokenEndpointResponseSchema.safeParse({ token }).success).toBe(false);
    }
    expect(isGuestToken('x'.repeat(4096))).toBe(true);
  });

  it('reads with readGuestToken exactly what the zod schema accepts, for any JSON', () => {
    const tokenish = fc.oneof(fc.string(), fc.constantFrom('t-1', '', 'a b', 'x'.repeat(4097)), fc.jsonValue());
    const body = fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom(GUEST_TOKEN_FIELD, 'error', 'guestToken'), tokenish));
    fc.assert(
      fc.property(body, (value) => {
        const parsed = guestTokenEndpointResponseSchema.safeParse(value);
        expect(readGuestToken(value)).toBe(parsed.success ? parsed.data.token : undefined);
      }),
      { numRuns: 2_000 },
    );
  });

  it('carries the token’s lifetime as expiresIn, in milliseconds, only when it has one', () => {
    const token = '3f2a9c4e-0b1d-4c8e-9a7f-2d6b5e1c0a93';
    expect(GUEST_TOKEN_EXPIRES_IN_FIELD).toBe('expiresIn');
    expect(guestTokenEndpointResponseSchema.parse({ token, expiresIn: 3_600_000 })).toEqual({ token, expiresIn: 3_600_000 });
    expect(readGuestTokenAnswer({ token, expiresIn: 3_600_000 })).toEqual({ token, expiresIn: 3_600_000 });
    expect(readGuestTokenAnswer({ token })).toEqual({ token });
    for (const expiresIn of [0, -1, 1.5, '3600000', null, Infinity, 2 ** 53]) {
      expect(isGuestTokenLifetime(expiresIn)).toBe(false);
      expect(readGuestTokenAnswer({ token, expiresIn })).toBeUndefined();
      expect(guestTokenEndpointResponseSchema.safeParse({ token, expiresIn }).success).toBe(false);
    }
  });

  it('lets a page older than expiresIn read the token from a newer server’s answer', () => {
    // readGuestToken is what pages wrote before the field existed: it must go on reading the token.
    expect(readGuestToken({ token: 't-1', expiresIn: 60_000 })).toBe('t-1');
  });

  it('reads with readGuestTokenAnswer exactly what the zod schema accepts, for any JSON', () => {
    const lifetime = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(1, 60_000, '60000', null), fc.jsonValue());
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ [GUEST_TOKEN_FIELD]: fc.constantFrom('t-1', '', 'a b'), [GUEST_TOKEN_EXPIRES_IN_FIELD]: lifetime }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(body, (value) => {
        const parsed = guestTokenEndpointResponseSchema.safeParse(value);
        expect(readGuestTokenAnswer(value)).toEqual(parsed.success ? parsed.data : undefined);
      }),
      { numRuns: 2_000 },
    );
  });

  it('pairs each error word with one status, sharing the ticket endpoint’s words (cross_site_request among them) and adding forbidden', () => {
    expect(GUEST_TOKEN_ENDPOINT_ERRORS).toEqual({
      unauthorized: 401,
      forbidden: 403,
      cross_site_request: 403,
      method_not_allowed: 405,
      rate_limited: 429,
      internal_error: 500,
      token_unavailable: 502,
      upstream_unavailable: 503,
    });
    for (const [word, status] of Object.entries(TICKET_ENDPOINT_ERRORS)) {
      if (word !== 'ticket_unavailable') expect(GUEST_TOKEN_ENDPOINT_ERRORS[word as keyof typeof GUEST_TOKEN_ENDPOINT_ERRORS]).toBe(status);
    }
    for (const word of Object.keys(GUEST_TOKEN_ENDPOINT_ERRORS)) expect(guestTokenEndpointErrorBodySchema.safeParse({ error: word }).success).toBe(true);
    expect(guestTokenEndpointErrorBodySchema.safeParse({ error: 'ticket_unavailable' }).success).toBe(false);
    expect(guestTokenEndpointErrorBodySchema.safeParse({ error: 'Invalid API key' }).success).toBe(false);
  });
});
