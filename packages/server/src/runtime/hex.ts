/**
 * Bytes as hex: for key digests, store keys and the hex form of a secret the redactor looks for.
 *
 * @module
 */

/**
 * @internal Writes each byte as two lower-case hex digits.
 */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
