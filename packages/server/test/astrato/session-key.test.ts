import { afterEach, describe, expect, it, vi } from 'vitest';
import { filterParameters, isSessionKey } from '@oemkit/schema';
import { AstratoClient, ValidationError, type SetupInput } from '../../src/index.js';
import { canonicalJson, REMEMBERED_KEYS } from '../../src/astrato/session-key.js';

const SECRET = 'client-secret-xyz-0123456789';
const credentials = { clientId: 'client-id-123', clientSecret: SECRET, baseUrl: 'https://tenant.astrato.test' };
const client = (overrides: Partial<typeof credentials> = {}) => new AstratoClient({ ...credentials, ...overrides });
/** What `run` rejected with, checked to be a `type`. */
async function rejection<T extends Error>(type: abstract new (...args: never[]) => T, run: () => Promise<unknown>): Promise<T> {
  const outcome = await run().then(() => undefined, (error: unknown) => error);
  expect(outcome).toBeInstanceOf(type);
  return outcome as T;
}

const ana: SetupInput = {
  email: 'ana@example.com',
  name: 'Ana',
  groupNames: ['Viewers', 'Sales'],
  filterParameters: filterParameters({ org_id: 'ID87', region: 'EU' }),
};

describe('AstratoClient.sessionKey', () => {
  it('answers v1. and 43 base64url characters, a key the page accepts', async () => {
    const key = await client().sessionKey(ana);
    expect(key).toMatch(/^v1\.[A-Za-z0-9_-]{43}$/);
    expect(isSessionKey(key)).toBe(true);
  });

  it('gives equal keys for equal input written in another key order, at every depth', async () => {
    const reordered: SetupInput = {
      filterParameters: Object.fromEntries(Object.entries(ana.filterParameters!).reverse()) as NonNullable<SetupInput['filterParameters']>,
      groupNames: ['Viewers', 'Sales'],
      name: 'Ana',
      email: 'ana@example.com',
    };
    expect(await client().sessionKey(reordered)).toBe(await client().sessionKey(ana));
  });

  it('gives the same key in every process with the same credentials, and on every call', async () => {
    const one = client();
    expect(await one.sessionKey(ana)).toBe(await one.sessionKey(ana));
    expect(await client().sessionKey(ana)).toBe(await one.sessionKey(ana));
    // A trailing slash is the same base URL.
    expect(await client({ baseUrl: 'https://tenant.astrato.test/' }).sessionKey(ana)).toBe(await one.sessionKey(ana));
  });

  it('changes with anything that decides what the session may see', async () => {
    const base = await client().sessionKey(ana);
    const others = await Promise.all([
      client().sessionKey({ ...ana, email: 'bob@example.com' }),
      client().sessionKey({ ...ana, groupNames: ['Viewers'] }),
      client().sessionKey({ ...ana, groupNames: ['Sales', 'Viewers'] }), // arrays keep their order: no folding
      client().sessionKey({ ...ana, groupNames: undefined, groupIds: ['Viewers', 'Sales'] }),
      client().sessionKey({ ...ana, filterParameters: filterParameters({ org_id: 'ID88', region: 'EU' }) }),
      client().sessionKey({ ...ana, filterParameters: filterParameters({ org_id: 87, region: 'EU' }) }),
      client().sessionKey({ ...ana, name: 'Ana B.' }),
      client({ clientId: 'client-id-124' }).sessionKey(ana),
      client({ baseUrl: 'https://other.astrato.test' }).sessionKey(ana),
      client({ clientSecret: `${SECRET}-rotated` }).sessionKey(ana),
    ]);
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });

  it('shows neither the secret nor the input in the key', async () => {
    const key = await client().sessionKey(ana);
    for (const part of [SECRET, 'client-id-123', 'ana', 'example', 'Viewers', 'ID87', 'tenant']) expect(key.toLowerCase()).not.toContain(part.toLowerCase());
  });

  it('refuses, as setup does, an input setup would refuse, and says nothing of it or of the secret', async () => {
    const bad = { email: 'ana-at-example.com', groupId: ['Viewers'] } as unknown as SetupInput;
    const error = await rejection(ValidationError, () => client().sessionKey(bad));
    const fromSetup = await rejection(ValidationError, () => client().setup(bad));
    expect(error.issues).toEqual(fromSetup.issues);
    expect(error.message).toBe(fromSetup.message);
    const shown = `${error.message} ${JSON.stringify(error)} ${JSON.stringify(error.issues)}`;
    for (const part of [SECRET, 'ana-at-example.com']) expect(shown).not.toContain(part);
  });

  it('refuses what is not an object at all with a ValidationError', async () => {
    for (const bad of [null, undefined, 'ana@example.com', 42]) await rejection(ValidationError, () => client().sessionKey(bad as unknown as SetupInput));
  });
});

describe('AstratoClient.sessionKey, remembered', () => {
  afterEach(() => vi.restoreAllMocks());
  const user = (n: number): SetupInput => ({ email: `user${n}@example.com`, groupNames: ['Viewers'] });

  it('signs a subject once: the next request of the same user reuses its key', async () => {
    const one = client();
    const first = await one.sessionKey(ana);
    const sign = vi.spyOn(crypto.subtle, 'sign');
    expect(await one.sessionKey({ ...ana, groupNames: [...ana.groupNames!] })).toBe(first);
    expect(sign).not.toHaveBeenCalled();
  });

  it(`remembers the last ${REMEMBERED_KEYS} subjects, forgetting the oldest first`, async () => {
    const one = client();
    const firstKey = await one.sessionKey(user(0));
    for (let n = 1; n <= REMEMBERED_KEYS; n++) await one.sessionKey(user(n));
    const sign = vi.spyOn(crypto.subtle, 'sign');
    await one.sessionKey(user(REMEMBERED_KEYS));
    expect(sign).not.toHaveBeenCalled();
    // user 0 was the oldest of 1,001: signed again, to the same key.
    expect(await one.sessionKey(user(0))).toBe(firstKey);
    expect(sign).toHaveBeenCalledTimes(1);
  });

  it('does not remember a failed signature: the next call signs again', async () => {
    const one = client();
    await one.sessionKey(user(1));
    vi.spyOn(crypto.subtle, 'sign').mockRejectedValueOnce(new Error('signing failed'));
    await expect(one.sessionKey(ana)).rejects.toThrow('signing failed');
    await expect(one.sessionKey(ana)).resolves.toMatch(/^v1\./);
  });
});

describe('canonicalJson, the text a session key is computed over', () => {
  it('sorts the keys of every object at every depth, keeps arrays in order, and drops undefined as JSON does', () => {
    const one = { b: { z: [{ y: 1, x: 2 }], a: null }, a: 'x', c: undefined, 10: 1, 2: 2 };
    const other = { 2: 2, a: 'x', 10: 1, b: { a: null, z: [{ x: 2, y: 1 }] } };
    expect(canonicalJson(one)).toBe(canonicalJson(other));
    expect(canonicalJson(one)).toBe('{"2":2,"10":1,"a":"x","b":{"a":null,"z":[{"x":2,"y":1}]}}');
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });
});
