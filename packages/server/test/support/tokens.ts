import { SignJWT } from 'jose';

const key = new TextEncoder().encode('test-signing-key-of-sufficient-length');

/** A real HS256 JWT whose `exp` is `expiresAt` (epoch ms). */
export function jwtExpiringAt(expiresAt: number, subject = 'm2m'): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuedAt(Math.floor(Date.now() / 1000))
    .setExpirationTime(Math.floor(expiresAt / 1000))
    .sign(key);
}
