/**
 * When an Astrato m2m token expires, from an `expires_in` whose meaning is not pinned down.
 *
 * @module
 */
// The decode-only entry: the whole of jose costs ~30 ms more to import, for code we never call here.
import { decodeJwt } from 'jose/jwt/decode';
import { TOKEN_LIFETIME_LIMIT } from '@oemkit/schema';
import { epochMilliseconds } from '../runtime/epoch-milliseconds.js';

/**
 * Works out when an m2m token expires, as an epoch time in milliseconds.
 *
 * Astrato's documentation shows `expires_in: 1699891513107`, an absolute epoch time in milliseconds, not OAuth's
 * relative seconds. So: a value from 1e12 is epoch milliseconds, from 1e9 epoch seconds, and
 * anything smaller seconds from now (the rule of every vendor time, `epochMilliseconds`). The JWT `exp` claim, when the token decodes, is a second
 * opinion; the earliest plausible answer wins, and never later than 10 minutes from now. A time
 * already in the past (clock skew, a copied example) is ignored rather than trusted, since a
 * token that was just issued cannot already be expired.
 */
export function resolveTokenExpiry(accessToken: string, expiresIn: number | string | undefined, now: number): number {
  const candidates = [fromExpiresIn(expiresIn, now), jwtExpiry(accessToken)].filter(
    (time): time is number => time !== undefined && time > now,
  );
  return Math.min(now + TOKEN_LIFETIME_LIMIT, ...candidates);
}

function fromExpiresIn(expiresIn: number | string | undefined, now: number): number | undefined {
  const value = Number(expiresIn);
  if (expiresIn === undefined || !Number.isFinite(value) || value <= 0) return undefined;
  return epochMilliseconds(value) ?? now + value * 1000;
}

/**
 * @internal When a JWT says it expires (its `exp` claim, in epoch ms), or `undefined` for a token
 * that is not a JWT or has no `exp`. Read without verifying: only the vendor can check it.
 */
export function jwtExpiry(token: string): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    // Not a JWT (or not one jose can read): the body's expires_in stands alone.
    return undefined;
  }
}

/**
 * @internal The latest a token read from a shared store can expire, on this process's clock and
 * from the token alone: the expiry stored beside it was reckoned on the writer's clock, which may
 * run fast. Its JWT `exp` (even if already past: a stored token may well be expired), a lifetime
 * from now no longer than its own (`exp - iat`), and never more than 10 minutes from now.
 */
export function latestStoredExpiry(token: string, now: number): number {
  let claims: { exp?: unknown; iat?: unknown } = {};
  try {
    claims = decodeJwt(token);
  } catch {
    // Not a JWT: only the vendor's longest lifetime bounds it.
  }
  const { exp, iat } = claims;
  const bounds = [now + TOKEN_LIFETIME_LIMIT];
  if (typeof exp === 'number') bounds.push(exp * 1000);
  if (typeof exp === 'number' && typeof iat === 'number' && exp > iat) bounds.push(now + (exp - iat) * 1000);
  return Math.min(...bounds);
}
