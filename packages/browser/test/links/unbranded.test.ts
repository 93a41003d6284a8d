import { describe, expect, it } from 'vitest';
import { ValidationError, unbrandedInviteUrl, unbrandedLoginUrl } from '../../src/index.js';
import { isSessionLostMessage } from '../../src/embed/messages.js';

describe('unbrandedLoginUrl', () => {
  it('adds hideInfo=true and keeps other parameters and the fragment', () => {
    expect(unbrandedLoginUrl('https://app.astrato.io/login')).toBe('https://app.astrato.io/login?hideInfo=true');
    expect(unbrandedLoginUrl('https://app.astrato.io/login?next=%2Fembed%2Fx#top')).toBe('https://app.astrato.io/login?next=%2Fembed%2Fx&hideInfo=true#top');
  });

  it('is idempotent', () => {
    const once = unbrandedLoginUrl('https://app.astrato.io/login?a=1');
    expect(unbrandedLoginUrl(once)).toBe(once);
  });

  it('refuses something that is not an http(s) URL', () => {
    expect(() => unbrandedLoginUrl('javascript:alert(1)')).toThrow(ValidationError);
    expect(() => unbrandedLoginUrl('not a url')).toThrow(ValidationError);
  });
});

describe('unbrandedInviteUrl', () => {
  it('inserts hideInfo=true& directly after the question mark, keeping the rest byte for byte', () => {
    expect(unbrandedInviteUrl('https://app.astrato.io/signup?invite=a%2Bb&tenant=t1')).toBe('https://app.astrato.io/signup?hideInfo=true&invite=a%2Bb&tenant=t1');
  });

  it('adds a query to a link without one, and leaves an unbranded link alone', () => {
    expect(unbrandedInviteUrl('https://app.astrato.io/signup')).toBe('https://app.astrato.io/signup?hideInfo=true');
    expect(unbrandedInviteUrl('https://app.astrato.io/signup?hideInfo=true&invite=a')).toBe('https://app.astrato.io/signup?hideInfo=true&invite=a');
  });
});

describe('isSessionLostMessage', () => {
  it('recognises only Astrato’s 401Error message', () => {
    expect(isSessionLostMessage({ type: 'Astrato', message: '401Error' })).toBe(true);
    for (const other of [null, undefined, 401, 'Astrato', ['Astrato', '401Error'], { type: 'Astrato', message: 'ready' }, { type: 'astrato', message: '401Error' }, { message: '401Error' }]) {
      expect(isSessionLostMessage(other)).toBe(false);
    }
  });
});
