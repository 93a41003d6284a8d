import { describe, expect, it } from 'vitest';
import { LONGEST_MASKED_KEY, reportedUrl } from '../../src/handlers/failure-report.js';

describe('reportedUrl with the rate-limit key of a limited request', () => {
  it('removes a path segment that holds the key, up to the longest key it masks', () => {
    const key = `${'k'.repeat(LONGEST_MASKED_KEY - 1)}x`;
    expect(reportedUrl(`https://host.test/users/${key}/ticket?session=s3cret`, key)).toBe('https://host.test/users/[REDACTED]/ticket');
  });

  // Masking builds every run of eight characters of every encoding of the key: about 2 s of CPU
  // for a megabyte, on the 429 path a flood of requests takes (failure-report.ts says the numbers).
  it('quotes no path under a longer key, rather than mask a megabyte on every limited request', () => {
    const key = 'k'.repeat(1024 * 1024);
    expect(reportedUrl('https://host.test/api/ticket?session=s3cret', key)).toBe('https://host.test/[REDACTED]');
    expect(reportedUrl('https://host.test/api/ticket', `${'k'.repeat(LONGEST_MASKED_KEY)}x`)).toBe('https://host.test/[REDACTED]');
  });
});
