import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  isSessionKey,
  readTicketAnswer,
  readTicketId,
  SESSION_KEY_FIELD,
  SESSION_KEY_HEADER,
  TICKET_ID_FIELD,
  ticketEndpointAnswerSchema,
  ticketEndpointResponseSchema,
  ticketEndpointSessionResponseSchema,
  type TicketEndpointAnswer,
  type TicketEndpointResponse,
  type TicketEndpointSessionResponse,
} from '../../src/index.js';
import * as core from '../../src/core.js';

const KEY = `v1.${'A'.repeat(43)}`;

describe('the session key of the ticket endpoint', () => {
  it('names the request header Oemkit-Session-Key and the answer field sessionKey', () => {
    expect(SESSION_KEY_HEADER).toBe('Oemkit-Session-Key');
    expect(SESSION_KEY_FIELD).toBe('sessionKey');
    // A page imports them from the zod-free entry.
    expect([core.SESSION_KEY_HEADER, core.SESSION_KEY_FIELD, core.isSessionKey, core.readTicketAnswer]).toEqual([SESSION_KEY_HEADER, SESSION_KEY_FIELD, isSessionKey, readTicketAnswer]);
  });

  it('accepts 1 to 128 header-safe, storage-safe characters, a server key among them', () => {
    for (const key of [KEY, 'a', 'A-Z.a_z~0-9', 'x'.repeat(128)]) expect(isSessionKey(key)).toBe(true);
  });

  it('refuses what is not a string of 1 to 128 characters of A-Z a-z 0-9 . _ ~ -', () => {
    for (const value of ['', 'x'.repeat(129), 'not valid!', 'a b', 'a\nb', 'a:b', 'a/b', 'a+b', 'a=b', 'é', '\uD800', 42, null, undefined, {}, [KEY]]) {
      expect(isSessionKey(value), String(value)).toBe(false);
    }
  });
});

describe('readTicketAnswer', () => {
  it('reads a minted ticket with the key of the session it makes', () => {
    expect(readTicketAnswer({ ticketId: 't-1', sessionKey: KEY })).toEqual({ ticketId: 't-1', sessionKey: KEY });
  });

  it('reads a kept session: a key and no ticketId field at all', () => {
    expect(readTicketAnswer({ sessionKey: KEY })).toEqual({ sessionKey: KEY });
  });

  it('reads an older server’s answer as a ticket and no key', () => {
    expect(readTicketAnswer({ ticketId: 't-1' })).toEqual({ ticketId: 't-1' });
    expect(readTicketAnswer({ ticketId: 't-1', extra: 1 })).toEqual({ ticketId: 't-1' });
  });

  it('drops a key it cannot use beside a valid ticket, as from an older server', () => {
    for (const sessionKey of ['not valid!', '', 42, null, 'x'.repeat(129)]) expect(readTicketAnswer({ ticketId: 't-1', sessionKey })).toEqual({ ticketId: 't-1' });
  });

  it('gives undefined for a ticketId field that is not a ticket, even beside a valid key', () => {
    for (const ticketId of ['', '../sign_out', '.', null, 42]) expect(readTicketAnswer({ ticketId, sessionKey: KEY })).toBeUndefined();
  });

  it('gives undefined for an answer with neither a ticket nor a usable key', () => {
    for (const body of [null, undefined, 'v1.x', 42, [], {}, { sessionKey: 'not valid!' }, { error: 'unauthorized' }, { ticket: 't-1' }]) {
      expect(readTicketAnswer(body)).toBeUndefined();
    }
  });

  it('reads the same ticket as readTicketId from any JSON, so old and new pages agree', () => {
    const body = fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom(TICKET_ID_FIELD, SESSION_KEY_FIELD, 'error'), fc.oneof(fc.string(), fc.constantFrom('t-1', KEY, '..'), fc.jsonValue())));
    fc.assert(fc.property(body, (value) => {
      expect(readTicketAnswer(value)?.ticketId).toBe(readTicketId(value));
    }), { numRuns: 2_000 });
  });

  it('accepts whatever the answer schema accepts, and beyond it only a ticket whose bad key it drops', () => {
    const body = fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom(TICKET_ID_FIELD, SESSION_KEY_FIELD, 'error'), fc.oneof(fc.string(), fc.constantFrom('t-1', KEY, '..', 'not valid!'), fc.jsonValue())));
    fc.assert(
      fc.property(body, (value) => {
        const parsed = ticketEndpointAnswerSchema.safeParse(value);
        const read = readTicketAnswer(value);
        if (parsed.success) expect(read).toEqual(parsed.data);
        else if (read !== undefined) {
          // The schema states what a server must send; the page is lenient with an older or odd server.
          expect(read).toEqual({ ticketId: readTicketId(value) });
          expect(isSessionKey((value as Record<string, unknown>)[SESSION_KEY_FIELD])).toBe(false);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('the zod schemas of the ticket endpoint’s answers', () => {
  it('accepts a ticket with or without a key, and refuses a key that is not one', () => {
    expect(ticketEndpointResponseSchema.parse({ ticketId: 't-1', sessionKey: KEY })).toEqual({ ticketId: 't-1', sessionKey: KEY });
    expect(ticketEndpointResponseSchema.parse({ ticketId: 't-1' })).toEqual({ ticketId: 't-1' });
    expect(ticketEndpointResponseSchema.safeParse({ ticketId: 't-1', sessionKey: 'not valid!' }).success).toBe(false);
  });

  it('accepts a kept session only without any ticketId field', () => {
    expect(ticketEndpointSessionResponseSchema.parse({ sessionKey: KEY })).toEqual({ sessionKey: KEY });
    expect(ticketEndpointSessionResponseSchema.safeParse({ sessionKey: KEY, ticketId: '../x' }).success).toBe(false);
    expect(ticketEndpointSessionResponseSchema.safeParse({ sessionKey: KEY, ticketId: null }).success).toBe(false);
    expect(ticketEndpointSessionResponseSchema.safeParse({ sessionKey: 'not valid!' }).success).toBe(false);
    expect(ticketEndpointSessionResponseSchema.safeParse({}).success).toBe(false);
  });

  it('accepts either answer in the union, and types the ticket id as a string', () => {
    expect(ticketEndpointAnswerSchema.parse({ sessionKey: KEY })).toEqual({ sessionKey: KEY });
    expect(ticketEndpointAnswerSchema.parse({ ticketId: 't-1', sessionKey: KEY })).toEqual({ ticketId: 't-1', sessionKey: KEY });
    expect(ticketEndpointAnswerSchema.safeParse({ ticketId: '..', sessionKey: KEY }).success).toBe(false);
    expectTypeOf<TicketEndpointResponse['ticketId']>().toEqualTypeOf<string>();
    expectTypeOf<TicketEndpointSessionResponse['sessionKey']>().toEqualTypeOf<string>();
    expectTypeOf<TicketEndpointAnswer>().toEqualTypeOf<TicketEndpointResponse | TicketEndpointSessionResponse>();
  });
});
