import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/runtime/hex.js';

describe('toHex', () => {
  it('writes each byte as two lower-case hex digits, a leading zero kept', () => {
    expect(toHex(new Uint8Array([0, 1, 15, 16, 171, 255]))).toBe('00010f10abff');
  });

  it('writes nothing for no bytes', () => {
    expect(toHex(new Uint8Array())).toBe('');
  });
});
