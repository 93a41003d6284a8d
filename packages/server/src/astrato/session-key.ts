/**
 * The session key of a setup input: an opaque name for "the Astrato session this input makes",
 * which the ticket endpoint hands the page beside each ticket and compares with the key the page
 * sends back, so a page whose session still fits needs no ticket. `AstratoClient.sessionKey` is
 * the public face; the rule lives here.
 *
 * The key is `v1.` and the base64url HMAC-SHA256 of the canonical JSON of `{ baseUrl, clientId,
 * input }` under a key derived from the client secret (HMAC of `oemkit session key v1` under the
 * secret). Without the secret nobody can tell from a key whose it is, not even by guessing emails:
 * it reveals nothing of the input. Every process with the same credentials derives the same key, so
 * a fleet agrees without sharing anything; rotating the secret changes every key, which costs each
 * browser one redemption.
 *
 * @module
 */

/** The prefix of every key; a new rule gets a new one, so keys of two rules never compare equal. */
const VERSION = 'v1.';
/** What the secret is stretched for, so the same secret keys nothing else of oemkit's the same way. */
const PURPOSE = 'oemkit session key v1';
const HMAC = { name: 'HMAC', hash: 'SHA-256' } as const;

/** What one key is derived from: the tenant and client, and the setup body as `setup` sends it. */
export interface SessionSubject {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly input: unknown;
}

/** The HMAC key of the session keys, derived once per client from its secret. */
export async function deriveSessionKeyKey(clientSecret: string): Promise<CryptoKey> {
  const encoder = new TextEncoder();
  const secret = await crypto.subtle.importKey('raw', encoder.encode(clientSecret), HMAC, false, ['sign']);
  const derived = await crypto.subtle.sign('HMAC', secret, encoder.encode(PURPOSE));
  return crypto.subtle.importKey('raw', derived, HMAC, false, ['sign']);
}

/** The session key of a canonical subject under the derived key: `v1.` and 43 base64url characters. */
async function signed(key: CryptoKey, canonical: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(canonical));
  return VERSION + base64url(new Uint8Array(mac));
}

/**
 * How many subjects' keys one client remembers. The ticket endpoint derives a key for every
 * request, kept sessions included, and the HMAC through WebCrypto is most of its cost (about 40 µs
 * of CPU on Node 20, more than the rest of a kept answer): a user's next request finds it here.
 */
export const REMEMBERED_KEYS = 1_000;

/**
 * The session keys of one client: the HMAC key derived once from its secret (a failure is not
 * kept), and the last {@link REMEMBERED_KEYS} subjects' keys, by their JSON as written, the oldest
 * forgotten first. Memory only; nothing of it is logged.
 */
export function createSessionKeys(clientSecret: string): (subject: SessionSubject) => Promise<string> {
  let derived: Promise<CryptoKey> | undefined;
  const remembered = new Map<string, Promise<string>>();
  return (subject) => {
    // Looked up by the JSON as written first (native, a fraction of the canonical form's cost): one
    // user's requests write their input the same way each time. Signed over the canonical form.
    const written = JSON.stringify(subject);
    let key = remembered.get(written);
    if (key === undefined) {
      const canonical = canonicalJson(subject);
      const hmacKey = (derived ??= deriveSessionKeyKey(clientSecret).catch((error: unknown) => {
        derived = undefined;
        throw error;
      }));
      key = hmacKey.then((hmac) => signed(hmac, canonical));
      remembered.set(written, key);
      // A failed derivation is asked again next time, not remembered.
      key.catch(() => remembered.delete(written));
      if (remembered.size > REMEMBERED_KEYS) remembered.delete(remembered.keys().next().value!);
    }
    return key;
  };
}

/**
 * JSON whose text depends only on the value, not on the order its keys were written in: the keys
 * of every object, at every depth, sorted by UTF-16 code unit. Arrays keep their order, and nothing
 * is folded (case, white space, duplicates): `['Sales', 'Viewers']` and `['Viewers', 'Sales']` are
 * two inputs, since only Astrato knows whether it treats them alike.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_name, part: unknown) => {
    if (typeof part !== 'object' || part === null || Array.isArray(part)) return part;
    const entries = Object.keys(part).sort().map((name) => [name, (part as Record<string, unknown>)[name]] as const);
    // Integer-like names come first in any object, in numeric order: still one order per set of names.
    return Object.fromEntries(entries);
  });
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
