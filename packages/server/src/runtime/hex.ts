/**
 * @module Bytes as hex: for key digests, store keys and the hex form of a secret the redactor looks for.
 */

/**
 * @internal Writes each byte as two lower-case hex digits.
 *
 * @example
 * ```ts
 * toHex(new Uint8Array([0, 171, 255])); // '00abff'
 * ```
 */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
