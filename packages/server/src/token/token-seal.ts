/**
 * Seals an m2m token for a shared store: a compact JWE (`dir`, `A256GCM`) under a key derived from
 * the client secret with HKDF-SHA256, so a copy of the store alone opens nothing. Also names the
 * store's keys for one client, from its base URL and client id (never the secret).
 */
import type { CachedToken } from './token-cache.js';
import { toHex } from '../runtime/hex.js';

/** Bumped when the derivation or the sealed shape changes: an entry of another version fails to open and is replaced. */
const VERSION = 'oemkit/token-store/v1';
const HEADER = { alg: 'dir', enc: 'A256GCM' } as const;
/** A sealed token is a few hundred bytes; anything far larger is not ours and is not worth decrypting. */
const LONGEST_SEALED = 16 * 1024;

/** Who the tokens belong to: the base URL and client id name the keys, the secret derives the key. */
export interface TokenOwner {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

/** Seals and opens one client's tokens. */
export interface TokenSeal {
  /** `oemkit:astrato:<32 hex digits>`: the first 128 bits of SHA-256 over the version, base URL and client id. */
  readonly keyPrefix: string;
  seal(token: CachedToken): Promise<string>;
  /** The token inside `sealed`, or `undefined` for anything that is not one of ours: other secret, tampered, garbage, another version. */
  open(sealed: unknown): Promise<CachedToken | undefined>;
}

/**
 * Derives the key and the key prefix. jose is loaded here, on first use of a store, so a client
 * without one never pays for importing it.
 */
export async function createTokenSeal(owner: TokenOwner): Promise<TokenSeal> {
  const encoder = new TextEncoder();
  // The base URL and client id both go into the HKDF info and the key name, joined by a newline,
  // which neither can contain (the base URL is a parsed origin; a client id is one line).
  const context = `${owner.baseUrl}\n${owner.clientId}`;
  const [key, digest, { CompactEncrypt }, { compactDecrypt }] = await Promise.all([
    deriveKey(encoder.encode(owner.clientSecret), encoder.encode(VERSION), encoder.encode(`astrato m2m token\n${context}`)),
    crypto.subtle.digest('SHA-256', encoder.encode(`${VERSION}\n${context}`)),
    import('jose/jwe/compact/encrypt'),
    import('jose/jwe/compact/decrypt'),
  ]);
  const keyPrefix = `oemkit:astrato:${toHex(new Uint8Array(digest).subarray(0, 16))}`;
  return {
    keyPrefix,
    seal: (token) =>
      new CompactEncrypt(encoder.encode(JSON.stringify({ token: token.value, expiresAt: token.expiresAt })))
        .setProtectedHeader(HEADER)
        .encrypt(key),
    async open(sealed) {
      if (typeof sealed !== 'string' || sealed.length > LONGEST_SEALED) return undefined;
      try {
        const { plaintext } = await compactDecrypt(sealed, key, {
          keyManagementAlgorithms: [HEADER.alg],
          contentEncryptionAlgorithms: [HEADER.enc],
        });
        return readToken(JSON.parse(new TextDecoder().decode(plaintext)));
      } catch {
        // Not ours, or not intact: as good as no entry. The next refresh overwrites it. Nothing of
        // it is logged: it may be someone's ciphertext, or a token sealed under another secret.
        return undefined;
      }
    },
  };
}

async function deriveKey(secret: BufferSource, salt: BufferSource, info: BufferSource): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, material, 256));
}

function readToken(value: unknown): CachedToken | undefined {
  const { token, expiresAt } = (value ?? {}) as Record<string, unknown>;
  if (typeof token !== 'string' || token === '' || typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return undefined;
  return { value: token, expiresAt };
}
