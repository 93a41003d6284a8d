import { describe, expect, it } from 'vitest';
import { RedactorCache } from '../../src/redaction/redactor-cache.js';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu.c2lnbmF0dXJl';

describe('RedactorCache', () => {
  it('builds one redactor and one finder per set of secrets, and hands the same one back', () => {
    const cache = new RedactorCache();
    const redactor = cache.redactor(['client-secret-1', TOKEN]);
    expect(cache.redactor(['client-secret-1', TOKEN])).toBe(redactor);
    expect(cache.finder(['client-secret-1', TOKEN])).toBe(cache.finder(['client-secret-1', TOKEN]));
    expect(redactor.text(`echo ${TOKEN}`)).not.toContain(TOKEN);
    expect(cache.finder(['client-secret-1'])('xx client-secret-1 xx')).toBe(true);
  });

  it('forgets the least recently used set first, so a set in use is never pushed out', () => {
    const cache = new RedactorCache(2);
    const setup = cache.redactor(['setup-secret']);
    const cookie = cache.redactor(['sign-out-cookie-1']);
    cache.redactor(['setup-secret']); // used again: now the most recent
    cache.redactor(['sign-out-cookie-2']); // pushes out sign-out-cookie-1
    expect(cache.redactor(['setup-secret'])).toBe(setup);
    expect(cache.redactor(['sign-out-cookie-1'])).not.toBe(cookie);
  });
});
