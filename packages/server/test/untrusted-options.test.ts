import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AstratoClient, createGuestTokenHandler, createTicketHandler, DataBrainClient, ValidationError } from '../src/index.js';
import { TokenCache } from '../src/token/token-cache.js';
import { catchError } from '@oemkit/test-support/catch-error';

const credentials = { clientId: 'id', clientSecret: 'secret-value' };

function expectValidationError(make: () => unknown, path: string, ...unquoted: string[]) {
  const error = catchError(ValidationError, make);
  expect(error).toMatchObject({ code: 'VALIDATION_ERROR', retryable: false });
  expect(error.issues.map((issue) => issue.path.join('.'))).toContain(path);
  for (const value of unquoted) for (const surface of [String(error), JSON.stringify(error), inspect(error, { depth: Infinity })]) expect(surface).not.toContain(value);
}

describe('DataBrainClient options', () => {
  it('refuses an API key that cannot be sent in a header, without quoting it', () => {
    for (const apiKey of ['dbn-key\nInjected: header', 'dbn-key\u0000tail', 'dbn key with spaces', 'dbn-kéy']) {
      expectValidationError(() => new DataBrainClient({ apiKey }), 'apiKey', apiKey, 'dbn-key');
    }
  });
});

describe('AstratoClient options', () => {
  it('refuses a clock that is not a function', () => {
    expectValidationError(() => new AstratoClient({ ...credentials, now: 5 as never }), 'now', 'secret-value');
  });

  it('refuses a refreshAhead that would fetch a token on nearly every call, or is not a duration', () => {
    for (const refreshAhead of [600_000, 300_001, -1, 1.5, Number.NaN]) {
      expectValidationError(() => new AstratoClient({ ...credentials, refreshAhead }), 'refreshAhead');
    }
    expect(() => new AstratoClient({ ...credentials, refreshAhead: 300_000 })).not.toThrow();
  });

  it('refuses a fetch that is not a function and a retry policy of the wrong shape', () => {
    expectValidationError(() => new AstratoClient({ ...credentials, fetch: 'fetch' as never }), 'fetch');
    expectValidationError(() => new AstratoClient({ ...credentials, retry: 'twice' as never }), 'retry');
    expectValidationError(() => new AstratoClient({ ...credentials, retry: { maxRetryAfter: Number.POSITIVE_INFINITY } }), 'retry.maxRetryAfter');
  });

  it('refuses options that are not an object', () => {
    expectValidationError(() => new AstratoClient(null as never), '');
  });
});

describe('the logger option', () => {
  it('refuses a logger whose methods throw when read, naming logger and quoting nothing it threw', () => {
    const thrown = 'vault-token-Qx71';
    const unreadable = new Proxy({}, {
      has() {
        throw new Error(thrown);
      },
      get() {
        throw new Error(thrown);
      },
    });
    const client = { setup: async () => ({ ticket: 't', expiresAt: new Date() }), createGuestToken: async () => ({ token: 't' }) };
    expectValidationError(() => new AstratoClient({ ...credentials, logger: unreadable }), 'logger', thrown);
    expectValidationError(() => new DataBrainClient({ apiKey: 'key', logger: unreadable }), 'logger', thrown);
    expectValidationError(() => createTicketHandler({ client, authorize: () => null, logger: unreadable }), 'logger', thrown);
    expectValidationError(() => createGuestTokenHandler({ client, authorize: () => null, logger: unreadable }), 'logger', thrown);
  });
});

describe('the tracerProvider and tokenStore options', () => {
  it('refuses one that throws when read, naming it and quoting nothing it threw', () => {
    const thrown = 'redis://:hunter2@cache';
    const unreadable = new Proxy({}, {
      get() {
        throw new Error(thrown);
      },
    });
    expectValidationError(() => new AstratoClient({ ...credentials, tracerProvider: unreadable as never }), 'tracerProvider', thrown);
    expectValidationError(() => new DataBrainClient({ apiKey: 'key', tracerProvider: unreadable as never }), 'tracerProvider', thrown);
    expectValidationError(() => new AstratoClient({ ...credentials, tokenStore: unreadable as never }), 'tokenStore', thrown);
    const getter = {
      get: async () => undefined,
      set: async () => true,
      get delete(): never {
        throw new Error(thrown);
      },
    };
    expectValidationError(() => new AstratoClient({ ...credentials, tokenStore: getter as never }), 'tokenStore', thrown);
  });
});

describe('TokenCache options', () => {
  it('refuses a missing fetchToken, a clock that is not a function and durations that are not whole ms', () => {
    expectValidationError(() => new TokenCache({} as never), 'fetchToken');
    const fetchToken = async () => ({ value: 't', expiresAt: Date.now() + 60_000 });
    expectValidationError(() => new TokenCache({ fetchToken, now: 5 as never }), 'now');
    for (const key of ['refreshAhead', 'expiryMargin', 'failureBackoff'] as const) {
      expectValidationError(() => new TokenCache({ fetchToken, [key]: -5 }), key);
    }
  });

  it('still works with every option valid', async () => {
    const cache = new TokenCache({ fetchToken: async () => ({ value: 't', expiresAt: Date.now() + 60_000 }), refreshAhead: 0, expiryMargin: 0 });
    expect(await cache.get()).toBe('t');
  });
});
