import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import winston from 'winston';
import { createLog, loggerProblem, type Logger } from '../../src/observability/logger.js';
import { unhandledRejections } from '@oemkit/test-support/unhandled-rejections';
import { REDACTED } from '../../src/redaction/redact.js';

const SECRET = 'client-secret-Zq81';

/** A stream that keeps each JSON line written to it, parsed. */
function jsonLines(): { stream: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { stream, lines };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createLog', () => {
  it('gives pino the fields as structured fields and the event as its message', () => {
    const { stream, lines } = jsonLines();
    const log = createLog(pino({ level: 'debug' }, stream));
    log('warn', 'oemkit.request.retry', { service: 'astrato', status: 503, attempt: 2, idempotent: true });
    expect(lines).toEqual([expect.objectContaining({ level: 40, msg: 'oemkit.request.retry', service: 'astrato', status: 503, attempt: 2, idempotent: true })]);
  });

  it('gives a pino child logger the fields the same way, beside its bindings', () => {
    const { stream, lines } = jsonLines();
    const log = createLog(pino(stream).child({ component: 'tickets' }));
    log('info', 'oemkit.ticket.issued', { durationMs: 12 });
    expect(lines).toEqual([expect.objectContaining({ level: 30, msg: 'oemkit.ticket.issued', component: 'tickets', durationMs: 12 })]);
  });

  it('gives winston the fields as structured fields and the event as its message', () => {
    const { stream, lines } = jsonLines();
    const logger = winston.createLogger({ level: 'debug', format: winston.format.json(), transports: [new winston.transports.Stream({ stream })] });
    createLog(logger)('error', 'oemkit.handler.refused', { status: 502, error: 'ticket_unavailable' });
    createLog(logger.child({ app: 'portal' }))('debug', 'oemkit.request.finished', { status: 200 });
    expect(lines).toEqual([
      { level: 'error', message: 'oemkit.handler.refused', status: 502, error: 'ticket_unavailable' },
      { level: 'debug', message: 'oemkit.request.finished', app: 'portal', status: 200 },
    ]);
  });

  it('gives the console the event, then the fields as one object', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    createLog(console)('warn', 'oemkit.request.retry', { status: 429, waitMs: 1000 });
    expect(warn).toHaveBeenCalledExactlyOnceWith('oemkit.request.retry', { status: 429, waitMs: 1000 });
  });

  it('skips a level the logger has no method for', () => {
    const error = vi.fn();
    const log = createLog({ error });
    log('debug', 'oemkit.request.finished', { status: 200 });
    log('error', 'oemkit.handler.refused', { status: 500 });
    expect(error).toHaveBeenCalledExactlyOnceWith('oemkit.handler.refused', { status: 500 });
  });

  it('builds nothing for a level the logger says is off', () => {
    const { stream, lines } = jsonLines();
    const secrets = vi.fn(() => [SECRET]);
    const log = createLog(pino({ level: 'info' }, stream), secrets);
    log('debug', 'oemkit.request.finished', { correlationId: 'abc' });
    expect(lines).toEqual([]);
    expect(secrets).not.toHaveBeenCalled();
  });

  it('redacts every string field of the secrets it knows, their encodings and any bearer token or JWT', () => {
    const info = vi.fn();
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtMm0ifQ.c2lnbmF0dXJl';
    createLog({ info }, () => [SECRET])('info', 'oemkit.request.finished', {
      reason: `vendor said ${SECRET}`,
      encoded: encodeURIComponent(`x ${SECRET}`).toUpperCase(),
      bearer: 'Bearer abc.def-ghi',
      jwt,
      status: 200,
    });
    const fields = info.mock.calls[0]![1] as Record<string, unknown>;
    expect(JSON.stringify(fields)).not.toMatch(/Zq81|client-secret|abc\.def|eyJ/i);
    expect(fields).toMatchObject({ reason: `vendor said ${REDACTED}`, status: 200 });
  });

  it('leaves oemkit’s own words whole, even when a secret happens to contain one', () => {
    const info = vi.fn();
    createLog({ info }, () => ['local-databrain-api-key'])('info', 'oemkit.request.finished', {
      service: 'databrain',
      route: '/api/v2/guest-token/create',
      reason: 'echoed local-databrain-api-key',
    });
    expect(info).toHaveBeenCalledExactlyOnceWith('oemkit.request.finished', { service: 'databrain', route: '/api/v2/guest-token/create', reason: `echoed ${REDACTED}` });
  });

  it('reads the secrets at each event, so a token fetched later is redacted too', () => {
    const info = vi.fn();
    let token = 'first-token-aaaa';
    const log = createLog({ info }, () => [token]);
    log('info', 'oemkit.request.finished', { echo: token });
    token = 'second-token-bbbb';
    log('info', 'oemkit.request.finished', { echo: token });
    expect(info.mock.calls.map((call) => (call[1] as { echo: string }).echo)).toEqual([REDACTED, REDACTED]);
  });

  it('drops values that are not strings, numbers or booleans, and renames fields the logger owns', () => {
    const info = vi.fn();
    const fields = { status: 200, missing: undefined, nested: { secret: SECRET }, level: 'x', message: 'y' } as unknown as Record<string, string>;
    createLog({ info })('info', 'oemkit.request.finished', fields);
    expect(info).toHaveBeenCalledExactlyOnceWith('oemkit.request.finished', { status: 200, oemkit_level: 'x', oemkit_message: 'y' });
  });

  it('never throws, whether the logger throws or returns a rejected promise', async () => {
    const throwing: Logger = {
      warn: () => {
        throw new Error('disk full');
      },
      error: () => Promise.reject(new Error('remote sink down')),
    };
    const log = createLog(throwing);
    const unhandled = await unhandledRejections(() => {
      expect(() => log('warn', 'oemkit.request.retry', {})).not.toThrow();
      expect(() => log('error', 'oemkit.handler.refused', {})).not.toThrow();
    });
    expect(unhandled).toEqual([]);
  });

  it('takes a Proxy whose every trap throws as a logger that loses its events, without throwing', () => {
    const hostile = new Proxy({}, {
      has() {
        throw new Error('has trap');
      },
      get() {
        throw new Error('get trap');
      },
    });
    const log = createLog(hostile as Logger);
    expect(() => log('warn', 'oemkit.request.retry', { status: 503 })).not.toThrow();
  });

  it('drops an event raised while the logger handles another, rather than recursing without end', () => {
    const seen: string[] = [];
    const log = createLog({
      warn: (event: string) => {
        seen.push(event);
        // A logger that calls back into oemkit (a client, a handler) which logs again at once.
        log('warn', 'oemkit.request.retry', {});
      },
    });
    log('warn', 'oemkit.request.finished', {});
    log('warn', 'oemkit.handler.refused', {});
    expect(seen).toEqual(['oemkit.request.finished', 'oemkit.handler.refused']);
  });

  it('is a no-op without a logger', () => {
    const secrets = vi.fn(() => [SECRET]);
    createLog(undefined, secrets)('error', 'oemkit.handler.refused', { status: 500 });
    expect(secrets).not.toHaveBeenCalled();
  });
});

describe('loggerProblem', () => {
  it('accepts console, pino, winston and a partial logger as they are', () => {
    const loggers: Logger[] = [console, pino(jsonLines().stream), winston.createLogger(), { warn: console.warn }];
    for (const logger of loggers) expect(loggerProblem(logger)).toBeUndefined();
  });

  it('explains what is wrong with something that is not a logger', () => {
    expect(loggerProblem('console')).toMatch(/must be a logger/);
    expect(loggerProblem({ log: () => {} })).toMatch(/at least one of debug, info, warn and error/);
    expect(loggerProblem({ info: 'yes' })).toBe('info must be a function');
  });

  it('explains a logger whose methods cannot be read, without quoting what reading them threw', () => {
    const throwing = {
      info: () => {},
      get warn(): never {
        throw new Error('vault token s3cr3t-value');
      },
    };
    const proxy = new Proxy({}, {
      get() {
        throw new Error('vault token s3cr3t-value');
      },
    });
    for (const logger of [throwing, proxy]) expect(loggerProblem(logger)).toBe('could not be read: reading its debug, info, warn or error method threw');
  });
});
