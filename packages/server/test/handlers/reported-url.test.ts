import { describe, expect, it } from 'vitest';
import { reportedUrl } from '../../src/handlers/failure-report.js';
import { LONGEST_KEY } from '../../src/handlers/per-user-limit.js';

describe('reportedUrl with the rate-limit key of a limited request', () => {
  it('removes a path segment that holds the key in any encoding, up to the longest key the limiter keeps', () => {
    const key = `${'k'.repeat(LONGEST_KEY - 1)}@`;
    expect(reportedUrl(`https://host.test/users/${encodeURIComponent(key)}/ticket?session=s3cret`, key)).toBe('https://host.test/users/[REDACTED]/ticket');
  });

  // Masking builds every run of eight characters of every encoding of the key: about 2 s of CPU
  // for a megabyte, on the 429 path a flood of requests takes (failure-report.ts says the numbers).
  it('matches a longer key as written, and takes any segment longer than the limiter keeps for one, rather than mask a megabyte on every limited request', () => {
    const key = 'k'.repeat(1024 * 1024);
    expect(reportedUrl('https://host.test/api/ticket?session=s3cret', key)).toBe('https://host.test/api/ticket');
    expect(reportedUrl(`https://host.test/users/${'k'.repeat(300)}/ticket`, key)).toBe('https://host.test/users/[REDACTED]/ticket');
    expect(reportedUrl(`https://host.test/users/${'z'.repeat(300)}/ticket`, `${'k'.repeat(LONGEST_KEY)}x`)).toBe('https://host.test/users/[REDACTED]/ticket');
    expect(reportedUrl('https://host.test/users/kkkkkkkkkk/ticket', key)).toBe('https://host.test/users/[REDACTED]/ticket');
  });
});
