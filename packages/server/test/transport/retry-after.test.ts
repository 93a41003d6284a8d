import { describe, expect, it } from 'vitest';
import { RETRY_AFTER_HEADERS, parseRetryAfter, readRetryAfter } from '../../src/transport/retry-after.js';

const NOW = Date.parse('2026-11-22T10:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delay seconds, whole or fractional', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter('120', NOW)).toBe(120);
    expect(parseRetryAfter(' 1.5 ', NOW)).toBe(1.5);
  });

  it('reads an epoch in seconds or milliseconds as the time until then', () => {
    expect(parseRetryAfter(String(NOW / 1000 + 30), NOW)).toBe(30);
    expect(parseRetryAfter(String(NOW + 45_000), NOW)).toBe(45);
  });

  it('reads an HTTP date, and a date already past as no wait', () => {
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:01:00 GMT', NOW)).toBe(60);
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', NOW)).toBe(0);
  });

  it('reads nothing it cannot be sure of, so that no unreadable value becomes a long wait', () => {
    for (const value of ['soon', 'Infinity', '-1', '1e9', 'NaN', '', '0x10', '2026-11-22T10:01:00Z', 'Sunday 22 November', '12 seconds']) {
      expect(parseRetryAfter(value, NOW), value).toBeUndefined();
    }
  });
});

describe('readRetryAfter', () => {
  it("reads every header ky reads, the first present winning in ky's order", () => {
    for (const name of RETRY_AFTER_HEADERS) expect(readRetryAfter(new Headers({ [name]: '7' }), NOW), name).toBe(7);
    expect(readRetryAfter(new Headers({ 'x-ratelimit-reset': '9', 'retry-after': '3' }), NOW)).toBe(3);
    expect(readRetryAfter(new Headers(), NOW)).toBeUndefined();
  });
});
