import { compactDecrypt, decodeProtectedHeader } from 'jose';
import Keyv from 'keyv';
import { describe, expect, it, vi } from 'vitest';
import { AstratoClient, ValidationError, type Logger, type TokenStore } from '../../src/index.js';
import { createAstratoEmulator, type AstratoEmulator } from '../../src/testing.js';
import { catchError } from '@oemkit/test-support/catch-error';

const BASE = 'https://tenant.astrato.test';
const viewer = { email: 'ana@example.com', groupNames: ['Viewers'] };

/** One emulated Astrato on a clock the test moves, and clients of it, as separate processes would hold them. */
function fleet(options: { clientSecret?: string } = {}) {
  let clock = Date.now();
  const emulator = createAstratoEmulator({ ...options, now: () => clock });
  const client = (tokenStore: TokenStore, extra: { clientSecret?: string; baseUrl?: string; logger?: Logger } = {}) =>
    new AstratoClient({
      clientId: emulator.clientId,
      clientSecret: emulator.clientSecret,
      baseUrl: BASE,
      fetch: emulator.fetch,
      now: () => clock,
      retry: 0,
      tokenStore,
      ...extra,
    });
  return { emulator, client, advance: (ms: number) => (clock += ms) };
}

/** Every value a Keyv held in memory, as a dump of its backend would show them. */
function dump(keyv: Keyv): Map<string, string> {
  return new Map([...(keyv.store as Map<string, unknown>)].map(([key, value]) => [key, String(value)]));
}

const tokensIssued = (emulator: AstratoEmulator) => emulator.counts.tokensIssued;

describe('AstratoClient with a tokenStore', () => {
  it('takes a Keyv instance as it is: a second process takes the first one’s token instead of fetching', async () => {
    const { emulator, client } = fleet();
    const store = new Keyv();
    const first = client(store);
    const second = client(store);
    await first.setup(viewer);
    await second.setup(viewer);
    expect(tokensIssued(emulator)).toBe(1);
    expect(await second.getAccessToken()).toBe(await first.getAccessToken());
  });

  it('never fails a ticket when the store’s setIfAbsent getter throws after construction: it warns and uses its own token', async () => {
    const { emulator, client } = fleet();
    const keyv = new Keyv();
    let reads = 0;
    const store = {
      get: (key: string) => keyv.get(key),
      set: (key: string, value: string, ttl: number) => keyv.set(key, value, ttl),
      delete: (key: string) => keyv.delete(key),
      // Fine when the client checks it, then a getter that throws (a Proxy over a closed pool, say).
      get setIfAbsent() {
        if (++reads > 1) throw new Error('pool closed: redis://:hunter2@cache:6379');
        return async () => true;
      },
    } as TokenStore;
    const warn = vi.fn();
    const astrato = client(store, { logger: { debug() {}, info() {}, warn, error() {} } });
    await expect(astrato.setup(viewer)).resolves.toMatchObject({ ticket: expect.any(String) });
    expect(tokensIssued(emulator)).toBe(1);
    expect(warn).toHaveBeenCalledWith('oemkit.token_store.unavailable', expect.objectContaining({ operation: 'setIfAbsent', reason: 'error' }));
    expect(JSON.stringify(warn.mock.calls)).not.toContain('hunter2');
  });

  it('still shares one request among concurrent callers in one process', async () => {
    const { emulator, client } = fleet();
    const astrato = client(new Keyv());
    const tickets = await Promise.all(Array.from({ length: 50 }, () => astrato.setup(viewer)));
    expect(new Set(tickets.map((result) => result.ticket)).size).toBe(50);
    expect(tokensIssued(emulator)).toBe(1);
  });

  it('stores the token sealed: neither the token nor the secret appears, and the JWE opens only with the secret’s key', async () => {
    const { emulator, client } = fleet();
    const store = new Keyv();
    const astrato = client(store);
    const token = await astrato.getAccessToken();
    const entries = dump(store);
    const tokenEntry = [...entries].find(([key]) => key.endsWith(':token'));
    expect(tokenEntry).toBeDefined();
    const everything = [...entries].flat().join('\n');
    // Neither the token, its payload (the JWT's middle part), nor the secret, in any encoding.
    for (const secret of [token, token.split('.')[1]!, emulator.clientSecret]) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(Buffer.from(secret).toString('base64url'));
    }
    const sealed = (JSON.parse(tokenEntry![1]) as { value: string }).value;
    expect(decodeProtectedHeader(sealed)).toEqual({ alg: 'dir', enc: 'A256GCM' });
    const guessedKey = new TextEncoder().encode(emulator.clientSecret.padEnd(32, '\0').slice(0, 32));
    await expect(compactDecrypt(sealed, guessedKey)).rejects.toThrow();
    for (const part of sealed.split('.')) expect(Buffer.from(part, 'base64url').toString('latin1')).not.toContain(token.slice(0, 20));
  });

  it('names its two keys from the base URL and client id, never the secret', async () => {
    const keysOf = async (options: { clientSecret?: string; baseUrl?: string }) => {
      const store = new Keyv();
      const { client } = fleet({ clientSecret: options.clientSecret ?? 'local-client-secret' });
      await client(store, options).getAccessToken();
      return [...dump(store).keys()];
    };
    const keys = await keysOf({});
    expect(keys).toEqual([expect.stringMatching(/^keyv:oemkit:astrato:[0-9a-f]{32}:token$/)]);
    expect(await keysOf({ clientSecret: 'another-secret' })).toEqual(keys);
    expect(await keysOf({ baseUrl: 'https://other.astrato.test' })).not.toEqual(keys);
  });

  it('ignores an entry it cannot open (other secret, tampered, garbage, another version) and replaces it, logging none of it', async () => {
    const { emulator, client } = fleet();
    const store = new Keyv();
    const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    await client(store).getAccessToken();
    const [key, stored] = [...dump(store)].find(([name]) => name.endsWith(':token'))!;
    const sealed = (JSON.parse(stored) as { value: string }).value;
    const tampered = `${sealed.slice(0, -4)}${sealed.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    const unopenable = [tampered, 'not-a-jwe-garbage-VALUE', '{"v":2,"token":"t"}', 42, { token: 'plain' }];
    for (const value of unopenable) {
      await store.set(key.slice('keyv:'.length), value);
      const astrato = client(store, { logger });
      await astrato.setup(viewer);
      const now = (JSON.parse(dump(store).get(key)!) as { value: string }).value;
      expect(now).not.toEqual(value);
      expect(decodeProtectedHeader(now)).toEqual({ alg: 'dir', enc: 'A256GCM' });
    }
    expect(tokensIssued(emulator)).toBe(1 + unopenable.length);
    // Another secret names the same keys, but cannot open what the first one sealed: it fetches its own.
    const other = fleet({ clientSecret: 'another-secret' });
    await other.client(store, { clientSecret: 'another-secret', logger }).getAccessToken();
    expect(tokensIssued(other.emulator)).toBe(1);
    const logged = JSON.stringify([...logger.debug.mock.calls, ...logger.info.mock.calls, ...logger.warn.mock.calls, ...logger.error.mock.calls]);
    for (const value of unopenable) expect(logged).not.toContain(typeof value === 'string' ? value.slice(0, 12) : JSON.stringify(value));
  });

  it('refreshes ahead across processes: one fetches the next token, the others take it', async () => {
    const { emulator, client, advance } = fleet();
    const store = new Keyv();
    const first = client(store);
    const second = client(store);
    const original = await first.getAccessToken();
    expect(await second.getAccessToken()).toBe(original);
    advance(560_000); // inside the 60-second refresh window, outside the 10-second margin
    expect(await first.getAccessToken()).toBe(original);
    await vi.waitFor(async () => expect(await first.getAccessToken()).not.toBe(original));
    const renewed = await first.getAccessToken();
    expect(await second.getAccessToken()).toBe(original);
    await vi.waitFor(async () => expect(await second.getAccessToken()).toBe(renewed));
    expect(tokensIssued(emulator)).toBe(2);
  });

  it('deletes the stored token on a 401 only while it still holds the refused one', async () => {
    const { emulator, client, advance } = fleet();
    const keyv = new Keyv();
    const tokenDeletes: string[] = [];
    const store: TokenStore = {
      get: (key) => keyv.get(key),
      set: (key, value, ttl) => keyv.set(key, value, ttl),
      delete: (key) => {
        if (key.endsWith(':token')) tokenDeletes.push(key);
        return keyv.delete(key);
      },
    };
    const first = client(store);
    const second = client(store);
    const refused = await first.getAccessToken();
    await second.getAccessToken();
    advance(1_000); // the emulator's JWTs differ only by their times
    // Astrato refuses the shared token once, to the first process: it deletes it and fetches another.
    emulator.faults.add({ path: '/oem/setup', times: 1, action: { status: 401 } });
    await first.setup(viewer);
    const renewed = await first.getAccessToken();
    expect(renewed).not.toBe(refused);
    expect(tokensIssued(emulator)).toBe(2);
    expect(tokenDeletes).toHaveLength(1);
    // The second process meets its own 401 with the old token later: the store now holds the
    // renewed one, which stays, and the second process takes it rather than fetching a third.
    emulator.faults.add({ path: '/oem/setup', times: 1, action: { status: 401 } });
    await second.setup(viewer);
    expect(await second.getAccessToken()).toBe(renewed);
    expect(tokensIssued(emulator)).toBe(2);
    expect(tokenDeletes).toHaveLength(1);
  });

  it('refuses a tokenStore that is not a key-value store, naming the missing methods', () => {
    const { client } = fleet();
    const error = catchError(ValidationError, () => client({ get: async () => undefined } as unknown as TokenStore));
    expect(error.issues).toEqual([{ path: ['tokenStore'], message: 'must have set, delete methods (a Keyv instance has all three)' }]);
  });
});
