import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { catchError } from '@oemkit/test-support/catch-error';
import { AstratoClient, createTicketHandler, ValidationError, type TicketHandlerOptions } from '../../src/index.js';
import { useMswServer } from '@oemkit/test-support/msw';

const BASE = 'https://tenant.astrato.test';
const SECRET = 'client-secret-value-123';
const server = useMswServer();
const client = () => new AstratoClient({ clientId: 'id', clientSecret: SECRET, baseUrl: BASE, retry: 0 });
const signedIn = () => ({ email: 'ana@example.com', groupNames: ['Viewers'] });
const post = () => new Request('https://host.test/api/ticket', { method: 'POST' });

/** Replaces the console guard's spies for this test, so the default log can be read. */
function console$() {
  return { error: vi.spyOn(console, 'error').mockImplementation(() => {}), warn: vi.spyOn(console, 'warn').mockImplementation(() => {}) };
}

describe('createTicketHandler options', () => {
  it('are checked when the handler is created, every problem at once', () => {
    const error = catchError(ValidationError, () => createTicketHandler({ client: {}, authorize: 'yes', onError: true } as never));
    expect(error.issues).toEqual([
      { path: ['client'], message: 'must be an AstratoClient (anything with its setup method)' },
      { path: ['authorize'], message: 'must be a function returning the setup input for the signed-in user, or null for nobody' },
      { path: ['onError'], message: 'must be a function (error, request) => void, or left out to log failures on the console' },
    ]);
  });

  it('refuse a client whose sessionKey is there but not a function, instead of quietly minting every time', () => {
    const setup = async () => ({ ticket: 't', expiresAt: new Date() });
    const error = catchError(ValidationError, () => createTicketHandler({ client: { setup, sessionKey: 'v1.x' }, authorize: signedIn } as never));
    expect(error.issues).toEqual([{ path: ['client'], message: 'must be an AstratoClient (anything with its setup method, and sessionKey, when it has one, a method too)' }]);
    expect(() => createTicketHandler({ client: { setup }, authorize: signedIn })).not.toThrow();
  });

  it('refuse a missing authorize instead of answering 500 to every request', () => {
    expect(() => createTicketHandler({ client: client() } as unknown as TicketHandlerOptions)).toThrow(/authorize: must be a function/);
    expect(() => createTicketHandler(undefined as never)).toThrow(ValidationError);
  });
});

describe('createTicketHandler without onError', () => {
  it('logs a refused setup once, with its code, status, vendor code and correlation id, and no secret', async () => {
    server.use(
      http.post(`${BASE}/auth/proxy/m2m/token`, () =>
        HttpResponse.json({ message: `bad secret ${SECRET}`, code: 'UNAUTHORIZED', correlationId: 'corr-42' }, { status: 401 }),
      ),
    );
    const log = console$();
    const response = await createTicketHandler({ client: client(), authorize: signedIn })(post());
    expect(response.status).toBe(502);
    expect(log.error).toHaveBeenCalledTimes(1);
    const line = String(log.error.mock.calls[0]![0]);
    expect(line).toMatch(/^\[oemkit\] ticket endpoint answered 502 ticket_unavailable: code=AUTHENTICATION_ERROR status=401 vendorCode="UNAUTHORIZED" correlationId="corr-42" message="/);
    expect(line).not.toContain(SECRET);
    expect(line).not.toContain('\n');
  });

  it('logs each failure, not only the first', async () => {
    server.use(http.post(`${BASE}/auth/proxy/m2m/token`, () => HttpResponse.json({ message: 'down' }, { status: 503 })));
    const log = console$();
    const handler = createTicketHandler({ client: client(), authorize: signedIn });
    for (let i = 0; i < 3; i++) expect((await handler(post())).status).toBe(503);
    expect(log.warn).toHaveBeenCalledTimes(3);
    expect(String(log.warn.mock.calls[2]![0])).toMatch(/answered 503 upstream_unavailable: code=API_ERROR status=503/);
    expect(log.error).not.toHaveBeenCalled();
  });

  it('logs the address and code of a refused connection', async () => {
    const log = console$();
    // What undici throws when nothing listens on the port.
    const refusing = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    };
    const refused = new AstratoClient({ clientId: 'id', clientSecret: SECRET, baseUrl: 'http://127.0.0.1:9', retry: 0, fetch: refusing });
    expect((await createTicketHandler({ client: refused, authorize: signedIn })(post())).status).toBe(503);
    expect(String(log.warn.mock.calls[0]![0])).toMatch(/answered 503 upstream_unavailable: code=CONNECTION_ERROR .*cause="connect ECONNREFUSED 127\.0\.0\.1:9"$/);
  });

  it('logs only the class of an error that is not oemkit’s, since its message may hold anything', async () => {
    const log = console$();
    const handler = createTicketHandler({
      client: client(),
      authorize: () => {
        throw new TypeError('postgres://admin:hunter2@db/sessions is down');
      },
    });
    expect((await handler(post())).status).toBe(500);
    expect(log.error).toHaveBeenCalledWith(
      '[oemkit] ticket endpoint answered 500 internal_error: code=UNEXPECTED name=TypeError (its message is not logged: pass onError to see the error)',
    );
  });

  it('logs why an invalid setup input was refused, without its values', async () => {
    const log = console$();
    const response = await createTicketHandler({ client: client(), authorize: () => ({ email: 'ana' }) })(post());
    expect(response.status).toBe(500);
    expect(String(log.error.mock.calls[0]![0])).toBe(
      '[oemkit] ticket endpoint answered 500 internal_error: code=VALIDATION_ERROR message="Invalid setup input: email: must be an email address"',
    );
  });

  it('logs nothing for answers that are not failures: 401 and 405', async () => {
    const log = console$();
    const handler = createTicketHandler({ client: client(), authorize: () => null });
    expect((await handler(post())).status).toBe(401);
    expect((await handler(new Request('https://host.test/api/ticket'))).status).toBe(405);
    expect(log.error).not.toHaveBeenCalled();
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('logs nothing once onError is given: onError sees the failure instead', async () => {
    const log = console$();
    const seen: unknown[] = [];
    const handler = createTicketHandler({ client: client(), authorize: () => ({ email: 'ana' }), onError: (error) => seen.push(error) });
    expect((await handler(post())).status).toBe(500);
    expect(seen).toEqual([expect.any(ValidationError)]);
    expect(log.error).not.toHaveBeenCalled();
  });
});
