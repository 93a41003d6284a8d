import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isTicketId,
  readTicketId,
  TICKET_ENDPOINT_ERRORS,
  TICKET_ID_FIELD,
  ticketEndpointErrorBodySchema,
  ticketEndpointResponseSchema,
} from '../../src/index.js';

describe('the ticket endpoint contract', () => {
  it('names the ticket field ticketId, as every existing endpoint answers', () => {
    expect(TICKET_ID_FIELD).toBe('ticketId');
    expect(ticketEndpointResponseSchema.parse({ ticketId: 'f0c1a2', extra: 1 })).toEqual({ ticketId: 'f0c1a2' });
  });

  it('refuses a ticket id that is empty or could change the redemption path', () => {
    // '.' is a path segment a URL parser removes; a lone surrogate has no UTF-8 form (encodeURIComponent throws).
    for (const ticketId of ['', '../sign_out', 'a/b', 'a?b', 'a#b', 'a\\b', 'a\n..b', '.', '\uD800', 'a\uDC00b', 42, null]) {
      expect(isTicketId(ticketId)).toBe(false);
      expect(ticketEndpointResponseSchema.safeParse({ ticketId }).success).toBe(false);
    }
    expect(isTicketId('0f8b6c1e-8d2a-4f4e-9f55-1c2a3b4c5d6e')).toBe(true);
    // A dot inside an id, and a character outside the BMP (a surrogate pair), are ids like any other.
    expect([isTicketId('a.b'), isTicketId('.a'), isTicketId('t\u{1F600}')]).toEqual([true, true, true]);
  });

  it('reads with readTicketId exactly what the zod schema accepts, for any JSON', () => {
    const ticketish = fc.oneof(fc.string(), fc.constantFrom('t-1', '..', 'a/b', ''), fc.jsonValue());
    const body = fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom(TICKET_ID_FIELD, 'error', 'ticket'), ticketish));
    fc.assert(
      fc.property(body, (value) => {
        const parsed = ticketEndpointResponseSchema.safeParse(value);
        expect(readTicketId(value)).toBe(parsed.success ? parsed.data.ticketId : undefined);
      }),
      { numRuns: 2_000 },
    );
  });

  it('pairs each error word with one status, and the error schema accepts those words only', () => {
    expect(TICKET_ENDPOINT_ERRORS).toEqual({
      unauthorized: 401,
      cross_site_request: 403,
      method_not_allowed: 405,
      rate_limited: 429,
      internal_error: 500,
      ticket_unavailable: 502,
      upstream_unavailable: 503,
    });
    for (const word of Object.keys(TICKET_ENDPOINT_ERRORS)) expect(ticketEndpointErrorBodySchema.safeParse({ error: word }).success).toBe(true);
    expect(ticketEndpointErrorBodySchema.safeParse({ error: 'Invalid client secret' }).success).toBe(false);
  });
});
