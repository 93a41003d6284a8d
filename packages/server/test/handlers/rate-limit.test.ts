import { RateLimiterMemory } from 'rate-limiter-flexible';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { catchError } from '@oemkit/test-support/catch-error';
import {
  AstratoClient,
  createGuestTokenHandler,
  createTicketHandler,
  DataBrainClient,
  DEFAULT_RATE_LIMIT,
  RateLimitError,
  ValidationError,
  type GuestTokenHandlerOptions,
  type GuestTokenInput,
  type SetupInput,
  type TicketHandlerOptions,
} from '../../src/index.js';
import { createAstratoEmulator, createDataBrainEmulator } from '../../src/testing.js';

const post = (headers: Record<string, string> = {}) => new Request('https://host.test/api/ticket?session=s3cret', { method: 'POST', headers });
const user = (email: string): SetupInput => ({ email, groupNames: ['Viewers'] });

function tickets(options: Partial<TicketHandlerOptions> = {}) {
  const emulator = createAstratoEmulator();
  const client = new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, baseUrl: 'http://astrato.test', fetch: emulator.fetch, retry: 0 });
  const errors: unknown[] = [];
  const handle = createTicketHandler({
    client,
    authorize: (request) => user(request.headers.get('x-user') ?? 'ana@example.com'),
    onError: (error) => errors.push(error),
    ...options,
  });
  const setups = () => emulator.calls.filter((call) => call.path === '/oem/setup').length;
  return { handle, errors, setups };
}

function guestTokens(input: GuestTokenInput<'v2'>, options: Partial<GuestTokenHandlerOptions<'v2'>> = {}) {
  const emulator = createDataBrainEmulator();
  const client = new DataBrainClient({ apiKey: emulator.apiKey, apiVersion: 'v2', baseUrl: 'http://databrain.test', fetch: emulator.fetch, retry: 0 });
  return { emulator, handle: createGuestTokenHandler({ client, authorize: () => input, onError: () => {}, ...options }) };
}

async function statuses(handle: (request: Request) => Promise<Response>, count: number, headers?: Record<string, string>) {
  const answers: number[] = [];
  for (let i = 0; i < count; i++) answers.push((await handle(post(headers))).status);
  return answers;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('rateLimit', () => {
  it('admits points per user and window, then answers 429 with Retry-After in whole seconds rounded up, minting nothing', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 0, 1) });
    const { handle, setups } = tickets({ rateLimit: { points: 2, duration: 60 } });
    expect(await statuses(handle, 2)).toEqual([200, 200]);
    vi.advanceTimersByTime(20_500);
    const limited = await handle(post());
    expect([limited.status, limited.headers.get('retry-after'), limited.headers.get('cache-control'), await limited.text()]).toEqual([
      429,
      '40',
      'no-store',
      '{"error":"rate_limited"}',
    ]);
    expect(setups()).toBe(2);
    vi.advanceTimersByTime(39_500);
    expect(await statuses(handle, 1)).toEqual([200]);
  });

  it('counts each signed-in user apart, by the email authorize answered', async () => {
    const { handle } = tickets({ rateLimit: { points: 1, duration: 60 } });
    expect(await statuses(handle, 2, { 'x-user': 'ana@example.com' })).toEqual([200, 429]);
    expect(await statuses(handle, 1, { 'x-user': 'bo@example.com' })).toEqual([200]);
  });

  it('counts the spellings of one email as one person: case, surrounding spaces and Unicode forms', async () => {
    // Most of these spellings are inputs AstratoClient refuses (its sessionKey does so before the
    // limit); a hand-written `{ setup }` client takes them as they are, and the limit must fold them.
    const minted: unknown[] = [];
    const client = { setup: async (input: SetupInput) => (minted.push(input), { ticket: 'tkt', expiresAt: new Date() }) };
    const spellings = ['ana@example.com', 'Ana@Example.com', '  ANA@example.COM', 'ana@EXAMPLE.com\n'];
    const asked = [...spellings];
    const { handle } = tickets({ client, rateLimit: { points: 3, duration: 60 }, authorize: () => user(asked.shift()!) });
    const answers = await statuses(handle, 4);
    expect(answers).toEqual([200, 200, 200, 429]);
    expect(minted).toHaveLength(3);

    // NFKC: the composed é and e + U+0301 are one text; fullwidth letters and a ligature are the
    // same letters to a reader, as an identity provider that maps widths (PRECIS) sees them.
    for (const [first, second] of [
      ['jos\u00e9@example.com', 'jose\u0301@example.com'],
      ['\uff41\uff4e\uff41@example.com', 'ana@example.com'],
      ['\ufb01ona@example.com', 'fiona@example.com'],
    ]) {
      const next = [first!, second!];
      const { handle: once } = tickets({ client, rateLimit: { points: 1, duration: 60 }, authorize: () => user(next.shift()!) });
      await once(post());
      expect((await once(post())).status).toBe(429);
    }
  });

  it('leaves a guest-token userIdentifier as it is: an opaque id, where case may tell users apart', async () => {
    const inputs = ['AbC', 'abc'].map((userIdentifier) => ({ clientId: 'acme', dataAppName: 'Sales App', params: { userIdentifier } }));
    const emulator = createDataBrainEmulator();
    const client = new DataBrainClient({ apiKey: emulator.apiKey, apiVersion: 'v2', baseUrl: 'http://databrain.test', fetch: emulator.fetch, retry: 0 });
    const handle = createGuestTokenHandler({ client, authorize: () => inputs.shift()!, onError: () => {}, rateLimit: { points: 1, duration: 60 } });
    expect(await statuses(handle, 2)).toEqual([200, 200]);
  });

  it('reports a limited request once, as a RateLimitError from the host, naming neither the user nor the query', async () => {
    const { handle, errors } = tickets({ rateLimit: { points: 1, duration: 60 } });
    await statuses(handle, 2);
    expect(errors).toHaveLength(1);
    const error = errors[0] as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', service: 'host', status: 429, retryAfter: 60, url: 'https://host.test/api/ticket' });
    expect(error.message).toBe('POST https://host.test/api/ticket answered 429: the per-user limit of 1 per 60 s is spent');
    expect(JSON.stringify(error)).not.toMatch(/ana@example\.com|s3cret/);
  });

  it('keeps the user out of a limited request’s error when the host’s route names them, by email or by key', async () => {
    const lines: unknown[] = [];
    const logger = { warn: (_message: string, fields: unknown) => void lines.push(fields), info: () => {} };
    const errors: unknown[] = [];
    const { handle } = tickets({
      rateLimit: { points: 1, duration: 60, key: (request) => new URL(request.url).pathname.split('/')[3] },
      logger,
      onError: (error) => errors.push(error),
    });
    const paths = ['/api/users/ana%40example.com/ticket', '/api/users/bo@example.com/ticket', '/api/users/user-7f3a91/ticket'];
    for (const path of paths) for (let i = 0; i < 2; i++) await handle(new Request(`https://host.test${path}?session=s3cret`, { method: 'POST' }));
    expect(errors.map((error) => (error as RateLimitError).url)).toEqual(Array(3).fill('https://host.test/api/users/[REDACTED]/ticket'));
    expect(JSON.stringify([lines, errors.map(String)])).not.toMatch(/ana|bo@|example\.com|7f3a91|s3cret/);
  });

  it('keeps a key longer than the limiter keeps out of a limited request’s error, reading it as written rather than in every encoding', async () => {
    const errors: unknown[] = [];
    const { handle } = tickets({ rateLimit: { points: 1, duration: 60, key: (request) => new URL(request.url).pathname.split('/')[3] }, onError: (error) => errors.push(error) });
    // A route that names its user by a 300-character id: the mask of a key grows with its length
    // (a megabyte key took 6 s to build), so such a key is matched as written.
    const id = 'u'.repeat(300);
    for (let i = 0; i < 2; i++) await handle(new Request(`https://host.test/api/users/${id}/ticket`, { method: 'POST' }));
    expect((errors[0] as RateLimitError).url).toBe('https://host.test/api/users/[REDACTED]/ticket');
  });

  it('logs a limited request once on the console without onError, never with the key', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { handle } = tickets({ rateLimit: { points: 1, duration: 60 }, onError: undefined });
    await statuses(handle, 2);
    expect(warn).toHaveBeenCalledExactlyOnceWith(
      '[oemkit] ticket endpoint answered 429 rate_limited: code=RATE_LIMITED status=429 message="POST https://host.test/api/ticket answered 429: the per-user limit of 1 per 60 s is spent"',
    );
  });

  it('gives the logger structured events without the user: refused, rate limited, issued', async () => {
    const lines: [string, unknown][] = [];
    const record = (message: string, fields: unknown) => void lines.push([message, fields]);
    const logger = { debug: record, info: record, warn: record, error: record };
    const { handle } = tickets({ rateLimit: { points: 1, duration: 60 }, onError: undefined, logger });
    await statuses(handle, 2);
    await handle(new Request('https://host.test/api/ticket'));
    expect(lines).toEqual([
      ['oemkit.ticket.issued', { handler: 'ticket', durationMs: expect.any(Number) }],
      ['oemkit.handler.rate_limited', expect.objectContaining({ handler: 'ticket', status: 429, error: 'rate_limited', code: 'RATE_LIMITED', retryAfter: 60 })],
      ['oemkit.handler.refused', { handler: 'ticket', status: 405, error: 'method_not_allowed' }],
    ]);
    expect(JSON.stringify(lines)).not.toContain('ana@example.com');
  });

  it('counts by rateLimit.key when given, and leaves a request unlimited when it answers null', async () => {
    const { handle } = tickets({
      rateLimit: { points: 1, duration: 60, key: (request) => request.headers.get('x-tenant') },
    });
    expect(await statuses(handle, 2, { 'x-tenant': 'acme', 'x-user': 'ana@example.com' })).toEqual([200, 429]);
    expect(await statuses(handle, 1, { 'x-tenant': 'acme', 'x-user': 'bo@example.com' })).toEqual([429]);
    expect(await statuses(handle, 3, { 'x-user': 'admin@example.com' })).toEqual([200, 200, 200]);
  });

  it('answers 500 with a ValidationError naming rateLimit.key when the key is not a user, instead of turning the limit off', async () => {
    for (const [answered, kind] of [
      ['', 'an empty string'],
      [{ id: 'ana' }, 'an object'],
      [['ana'], 'an array'],
      [true, 'a boolean'],
      [Symbol('ana'), 'a symbol'],
      [Number.NaN, 'NaN'],
    ] as const) {
      const { handle, errors, setups } = tickets({ rateLimit: { points: 1, duration: 60, key: () => answered as never } });
      expect(await statuses(handle, 2)).toEqual([500, 500]);
      expect(setups()).toBe(0);
      const error = errors[0] as ValidationError;
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.issues).toEqual([
        { path: ['rateLimit', 'key'], message: `must answer a non-empty string or a finite number, or null or undefined to leave the request unlimited; it answered ${kind}` },
      ]);
      expect(error.message).not.toContain('ana');
    }
  });

  it('counts a huge key by its hash, once per user, so a megabyte of key costs the limiter 71 bytes', async () => {
    const seen: string[] = [];
    const limiter = new RateLimiterMemory({ points: 1, duration: 60 });
    const counting = { consume: (key: string) => (seen.push(key), limiter.consume(key)) };
    const huge = (letter: string) => letter.repeat(1024 * 1024);
    const { handle } = tickets({ rateLimit: { limiter: counting, key: (request) => huge(request.headers.get('x-letter')!) } });
    expect(await statuses(handle, 2, { 'x-letter': 'a' })).toEqual([200, 429]);
    expect(await statuses(handle, 1, { 'x-letter': 'b' })).toEqual([200]);
    expect(seen.map((key) => key.length)).toEqual([71, 71, 71]);
    expect(new Set(seen).size).toBe(2);
    expect(seen[0]).toMatch(/^sha256:[\da-f]{64}$/);
  });

  it('counts keys named like Object.prototype’s members as any other user', async () => {
    for (const key of ['__proto__', 'constructor', 'hasOwnProperty', 'toString']) {
      const { handle } = tickets({ rateLimit: { points: 1, duration: 60, key: () => key } });
      expect(await statuses(handle, 2)).toEqual([200, 429]);
    }
  });

  it('answers 500 when rateLimit.key throws, as when authorize does', async () => {
    const { handle, errors, setups } = tickets({
      rateLimit: {
        key: () => {
          throw new Error('tenant lookup failed');
        },
      },
    });
    expect(await statuses(handle, 1)).toEqual([500]);
    expect(errors).toEqual([expect.objectContaining({ message: 'tenant lookup failed' })]);
    expect(setups()).toBe(0);
  });

  it('is on by default: DEFAULT_RATE_LIMIT, 30 per user per minute', async () => {
    expect(DEFAULT_RATE_LIMIT).toEqual({ points: 30, duration: 60 });
    const { handle } = tickets();
    const answers = await statuses(handle, 31);
    expect(answers.slice(0, 30).every((status) => status === 200)).toBe(true);
    expect(answers[30]).toBe(429);
  });

  it('is off with rateLimit: false', async () => {
    const { handle } = tickets({ rateLimit: false });
    expect((await statuses(handle, 31)).every((status) => status === 200)).toBe(true);
  });

  it('takes a rate-limiter-flexible limiter, bare or as { limiter, key }', async () => {
    const bare = tickets({ rateLimit: new RateLimiterMemory({ points: 1, duration: 60 }) });
    expect(await statuses(bare.handle, 2)).toEqual([200, 429]);
    const keyed = tickets({ rateLimit: { limiter: new RateLimiterMemory({ points: 1, duration: 60 }), key: () => 'everyone' } });
    expect(await statuses(keyed.handle, 1, { 'x-user': 'ana@example.com' })).toEqual([200]);
    expect(await statuses(keyed.handle, 1, { 'x-user': 'bo@example.com' })).toEqual([429]);
  });

  it('counts guest tokens by params.userIdentifier', async () => {
    const ana = { clientId: 'acme', dataAppName: 'Sales App', params: { userIdentifier: 'ana' } };
    const { handle, emulator } = guestTokens(ana, { rateLimit: { points: 2, duration: 60 } });
    expect(await statuses(handle, 3)).toEqual([200, 200, 429]);
    expect(emulator.tokens()).toHaveLength(2);
  });

  it('says once that a guest-token input without a user is not limited, rather than counting the whole tenant as one', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { handle } = guestTokens({ clientId: 'acme', dataAppName: 'Sales App' }, { rateLimit: { points: 1, duration: 60 } });
    expect(await statuses(handle, 3)).toEqual([200, 200, 200]);
    expect(warn).toHaveBeenCalledExactlyOnceWith(
      '[oemkit] guest-token endpoint: no per-user rate limit for a guest-token input without params.userIdentifier: set it, or pass rateLimit.key (rateLimit: false says no limit is wanted)',
    );
  });
});

describe('rateLimit with a failing limiter', () => {
  it('lets every request through while its store fails, reporting each, so an outage locks nobody out', async () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
    const { handle, errors, setups } = tickets({ rateLimit: { limiter: { consume: () => Promise.reject(outage) } } });
    expect(await statuses(handle, 2)).toEqual([200, 200]);
    expect(setups()).toBe(2);
    expect(errors).toEqual([outage, outage]);
  });

  it('warns on the console without onError, with the error’s class only', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const failing = {
      consume: () => {
        throw new TypeError('redis://:hunter2@cache:6379 is down');
      },
    };
    const { handle } = tickets({ rateLimit: failing, onError: undefined });
    expect(await statuses(handle, 1)).toEqual([200]);
    expect(warn).toHaveBeenCalledExactlyOnceWith(
      '[oemkit] ticket endpoint answered without its rate limit: the limiter failed (code=UNEXPECTED name=TypeError (its message is not logged: pass onError to see the error))',
    );
  });

  it('takes a limiter that rejects or throws something that throws when read for a failing limiter, not a 500', async () => {
    const hostile = new Proxy({}, {
      get() {
        throw new Error('read');
      },
      getPrototypeOf() {
        throw new Error('prototype');
      },
    });
    for (const consume of [() => Promise.reject(hostile), () => { throw hostile; }, () => Promise.reject(null), () => Promise.reject({ msBeforeNext: '5' })]) {
      const { handle, errors, setups } = tickets({ rateLimit: { limiter: { consume } } });
      expect(await statuses(handle, 1)).toEqual([200]);
      expect(setups()).toBe(1);
      expect(errors).toHaveLength(1);
    }
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { handle } = tickets({ rateLimit: { limiter: { consume: () => Promise.reject(hostile) } }, onError: undefined });
    expect(await statuses(handle, 1)).toEqual([200]);
    expect(warn).toHaveBeenCalledExactlyOnceWith('[oemkit] ticket endpoint answered without its rate limit: the limiter failed (code=UNEXPECTED name=unreadable (its message is not logged: pass onError to see the error))');
  });

  it('reports a hand-written limiter that resolves false for no, instead of letting everyone through unseen', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { handle, setups } = tickets({ rateLimit: { limiter: { consume: async () => false } }, onError: undefined });
    expect(await statuses(handle, 1)).toEqual([200]);
    expect(setups()).toBe(1);
    expect(warn).toHaveBeenCalledExactlyOnceWith(expect.stringContaining('[oemkit] ticket endpoint answered without its rate limit: the limiter failed (code=VALIDATION_ERROR'));
    expect(String(warn.mock.calls[0]![0])).toContain('rateLimit.limiter: resolved false: a limiter refuses by rejecting with { msBeforeNext }');
  });

  it('goes on without a limiter that has not answered after a second', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const lines: [string, unknown][] = [];
    const logger = { warn: (message: string, fields: unknown) => void lines.push([message, fields]) };
    let consulted!: () => void;
    const limiterAsked = new Promise<void>((resolve) => (consulted = resolve));
    const { handle } = tickets({ rateLimit: { limiter: { consume: () => (consulted(), new Promise(() => {})) } }, onError: undefined, logger });
    const answered = handle(post());
    // The session key is derived first, on WebCrypto's own time: the patience starts once the limiter is asked.
    await limiterAsked;
    await vi.advanceTimersByTimeAsync(999);
    expect(lines).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect((await answered).status).toBe(200);
    expect(lines).toEqual([['oemkit.rate_limit.unavailable', expect.objectContaining({ handler: 'ticket', timedOut: true })]]);
  });
});

describe('Retry-After of a limited request', () => {
  it.each([
    [0, '1'],
    [-5, '1'],
    [1, '1'],
    [1_001, '2'],
    [59_999, '60'],
    [31_536_000_000, '31536000'],
    [1e21, '31536000'],
    [1e300, '31536000'],
    [Number.MAX_VALUE, '31536000'],
  ])('says whole seconds, at least 1 and at most a year, for msBeforeNext %d', async (msBeforeNext, header) => {
    const { handle, errors } = tickets({ rateLimit: { consume: () => Promise.reject({ msBeforeNext, remainingPoints: 0 }) } });
    const response = await handle(post());
    expect([response.status, response.headers.get('retry-after')]).toEqual([429, header]);
    expect(errors).toEqual([expect.objectContaining({ retryAfter: Number(header) })]);
  });
});

describe('rateLimit options', () => {
  const problems = (rateLimit: unknown) =>
    catchError(ValidationError, () => createTicketHandler({ client: { setup: async () => ({ ticket: 't', expiresAt: new Date() }) }, authorize: () => null, rateLimit } as never)).issues;

  it('are checked when the handler is created, naming each field', () => {
    expect(problems({ points: 1.5, duration: 60_000, windowMs: 60_000, key: 'email' })).toEqual([
      { path: ['rateLimit', 'windowMs'], message: 'is not an option: the options are points, duration (in seconds), limiter and key' },
      { path: ['rateLimit', 'points'], message: 'must be a whole number of tokens, at least 1' },
      { path: ['rateLimit', 'duration'], message: 'is in seconds and must be a whole number from 1 to 3600 (an hour): for a minute pass 60, not 60000' },
      { path: ['rateLimit', 'key'], message: 'must be a function (request, authorized) => string, or left out to count per signed-in user' },
    ]);
    expect(problems({ limiter: new RateLimiterMemory({ points: 1, duration: 1 }), points: 5 })).toEqual([
      { path: ['rateLimit', 'limiter'], message: 'has its own points and duration: set them on the limiter, not beside it' },
    ]);
    expect(problems({ limiter: {} })).toEqual([{ path: ['rateLimit', 'limiter'], message: 'must be a rate-limiter-flexible limiter (anything with consume(key))' }]);
    for (const [points, duration] of [[0, 60], [Number.POSITIVE_INFINITY, 60], [-1, 60], [Number.NaN, 60], ['5', '60'], [5, Number.POSITIVE_INFINITY], [5, 0], [5, 3_601]]) {
      const paths = problems({ points, duration }).map((issue) => issue.path.join('.'));
      expect(paths.length).toBeGreaterThan(0);
      expect(paths.every((path) => path === 'rateLimit.points' || path === 'rateLimit.duration')).toBe(true);
    }
    for (const rateLimit of [true, 10, 'on', null, []]) {
      expect(problems(rateLimit)).toEqual([
        { path: ['rateLimit'], message: 'must be { points, duration }, { limiter, key? }, a rate-limiter-flexible limiter, or false to turn the limit off' },
      ]);
    }
  });

  it('refuses an option that throws when read (a getter, a Proxy), without quoting what it threw', () => {
    const thrown = 'redis://:hunter2@cache';
    const getter = {
      get limiter(): never {
        throw new Error(thrown);
      },
    };
    const proxy = new Proxy({}, {
      get() {
        throw new Error(thrown);
      },
      ownKeys() {
        throw new Error(thrown);
      },
    });
    for (const rateLimit of [getter, proxy]) {
      const issues = problems(rateLimit);
      expect(issues).toEqual([{ path: ['rateLimit'], message: 'could not be read: reading its fields threw' }]);
    }
  });
});
