import { describe, expect, it } from 'vitest';
import { checkTransport } from '../../src/transport/transport-option-checks.js';

describe('checkTransport', () => {
  it('fills in a 10 s timeout and two retries when nothing is given', () => {
    const { timeout, retry, fetch } = checkTransport({});
    expect({ timeout, retry }).toEqual({ timeout: 10_000, retry: { limit: 2, backoffLimit: 10_000, maxRetryAfter: 30_000 } });
    expect(typeof fetch).toBe('function');
  });

  it('refuses a timeout of 0 in the words the page uses for its own timeout', () => {
    expect(() => checkTransport({ timeout: 0 })).toThrow('Invalid options: timeout: must be a number of milliseconds from 1 to 2147483647');
  });

  it('accepts a timeout of 1 ms and of the longest timer, and nothing past it', () => {
    expect(checkTransport({ timeout: 1 }).timeout).toBe(1);
    expect(checkTransport({ timeout: 2 ** 31 - 1 }).timeout).toBe(2 ** 31 - 1);
    expect(() => checkTransport({ timeout: 2 ** 31 })).toThrow('Invalid options: timeout');
  });

  it('names every bad retry field at once, in the same words', () => {
    expect(() => checkTransport({ retry: { limit: -1, backoffLimit: -1 } })).toThrow(
      'Invalid options: retry.limit: must be a whole number of retries, 0 or more; retry.backoffLimit: must be a number of milliseconds from 0 to 2147483647',
    );
  });

  it('refuses a fetch that is not a function', () => {
    expect(() => checkTransport({ fetch: 'fetch' as unknown as typeof fetch })).toThrow('Invalid options: fetch: must be a fetch function');
  });
});
