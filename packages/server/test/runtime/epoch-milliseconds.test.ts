import { describe, expect, it } from 'vitest';
import { epochMilliseconds } from '../../src/runtime/epoch-milliseconds.js';
import { resolveTokenExpiry } from '../../src/astrato/token-expiry.js';
import { parseRetryAfter } from '../../src/transport/retry-after.js';

// A minute before 1e12 ms (2001-09-09T01:46:40Z): a clock set there tells every reading apart.
const JUST_BEFORE_FLOOR = 1e12 - 60_000;

describe('epochMilliseconds', () => {
  it('reads 1e12 and above as epoch milliseconds, the floor included', () => {
    expect(epochMilliseconds(1e12)).toBe(1e12);
    expect(epochMilliseconds(1_699_891_513_107)).toBe(1_699_891_513_107);
  });

  it('reads from 1e9 up to 1e12 as epoch seconds, the floor included', () => {
    expect(epochMilliseconds(1e9)).toBe(1e12);
    expect(epochMilliseconds(1e12 - 1)).toBe((1e12 - 1) * 1000);
  });

  it('reads anything below 1e9 as no epoch time: a count of seconds from now', () => {
    expect(epochMilliseconds(1e9 - 1)).toBeUndefined();
    expect(epochMilliseconds(120)).toBeUndefined();
    expect(epochMilliseconds(0)).toBeUndefined();
  });
});

describe('the token expiry and Retry-After readers', () => {
  it('read a value of exactly 1e12 the same way, as epoch milliseconds', () => {
    expect(resolveTokenExpiry('opaque', 1e12, JUST_BEFORE_FLOOR)).toBe(1e12);
    expect(parseRetryAfter('1000000000000', JUST_BEFORE_FLOOR)).toBe(60);
  });

  it('read a value of exactly 1e9 the same way, as epoch seconds', () => {
    expect(resolveTokenExpiry('opaque', 1e9, JUST_BEFORE_FLOOR)).toBe(1e12);
    expect(parseRetryAfter('1000000000', JUST_BEFORE_FLOOR)).toBe(60);
  });
});
