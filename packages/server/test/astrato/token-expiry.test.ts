import { describe, expect, it } from 'vitest';
import { TOKEN_LIFETIME_LIMIT } from '../../src/index.js';
import { resolveTokenExpiry } from '../../src/astrato/token-expiry.js';
import { jwtExpiringAt } from '../support/tokens.js';

const now = Date.UTC(2026, 10, 21, 12, 0, 0);

describe('resolveTokenExpiry', () => {
  it('reads a value above 1e12 as an absolute epoch time in milliseconds, as the seed shows', () => {
    expect(resolveTokenExpiry('opaque', now + 300_000, now)).toBe(now + 300_000);
  });

  it('reads a value above 1e9 as epoch seconds', () => {
    expect(resolveTokenExpiry('opaque', (now + 240_000) / 1000, now)).toBe(now + 240_000);
  });

  it('reads a small value as seconds from now, as OAuth does', () => {
    expect(resolveTokenExpiry('opaque', 120, now)).toBe(now + 120_000);
    expect(resolveTokenExpiry('opaque', '90', now)).toBe(now + 90_000);
  });

  it('never trusts a lifetime beyond the documented 10 minutes', () => {
    expect(resolveTokenExpiry('opaque', now + 86_400_000, now)).toBe(now + TOKEN_LIFETIME_LIMIT);
    expect(resolveTokenExpiry('opaque', 3600, now)).toBe(now + TOKEN_LIFETIME_LIMIT);
  });

  it('ignores an expiry already in the past, like the seed example from 2023', () => {
    expect(resolveTokenExpiry('opaque', 1699891513107, now)).toBe(now + TOKEN_LIFETIME_LIMIT);
  });

  it('falls back to 10 minutes when expires_in is missing or nonsense', () => {
    expect(resolveTokenExpiry('opaque', undefined, now)).toBe(now + TOKEN_LIFETIME_LIMIT);
    expect(resolveTokenExpiry('opaque', -5, now)).toBe(now + TOKEN_LIFETIME_LIMIT);
  });

  it('takes the earlier of expires_in and the JWT exp claim', async () => {
    const token = await jwtExpiringAt(now + 180_000);
    expect(resolveTokenExpiry(token, now + 300_000, now)).toBe(now + 180_000);
    expect(resolveTokenExpiry(token, 60, now)).toBe(now + 60_000);
    expect(resolveTokenExpiry(token, undefined, now)).toBe(now + 180_000);
  });
});
