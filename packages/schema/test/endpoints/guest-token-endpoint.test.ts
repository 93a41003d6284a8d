import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GUEST_TOKEN_ENDPOINT_ERRORS,
  GUEST_TOKEN_FIELD,
  guestTokenEndpointErrorBodySchema,
  guestTokenEndpointResponseSchema,
  isGuestToken,
  readGuestToken,
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
