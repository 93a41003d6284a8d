import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/redaction/redact.js';
import { safeCause } from '../../src/redaction/safe-cause.js';

const SECRET = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
const redactor = createRedactor([SECRET]);

describe('safeCause', () => {
  it('keeps the name, a plain code and the message with the secret removed', () => {
    const error = Object.assign(new TypeError(`connect to https://u:${SECRET}@api.test failed`), { code: 'ECONNREFUSED' });
    const copy = safeCause(error, redactor) as Error & { code?: string };
    expect(copy).not.toBe(error);
    expect(copy.name).toBe('TypeError');
    expect(copy.code).toBe('ECONNREFUSED');
    expect(copy.message).not.toContain(SECRET);
    expect(copy.message).toContain('[REDACTED]');
  });

  it('drops a name or code that holds a secret or is not an identifier, rather than cutting it', () => {
    const error = Object.assign(new Error('failed'), { name: SECRET, code: 'two words' });
    const copy = safeCause(error, redactor) as Error & { code?: string };
    expect(copy.name).toBe('Error');
    expect(copy.code).toBeUndefined();
  });

  it('keeps nothing else of the error: no request, no headers', () => {
    const error = Object.assign(new Error('failed'), { request: { headers: { authorization: `Bearer ${SECRET}` } } });
    const copy = safeCause(error, redactor);
    expect('request' in copy).toBe(false);
    expect(JSON.stringify(copy)).not.toContain(SECRET);
  });

  it('cuts the message at 300 characters', () => {
    expect(safeCause(new Error('x'.repeat(5_000)), redactor).message).toHaveLength(300);
  });

  it('describes a thrown value that is not an Error by its type, never quoting it', () => {
    expect(safeCause({ token: SECRET }, redactor).message).toBe('a non-Error value (object) was thrown');
  });

  it('copies the cause chain the same way, at most 4 deep', () => {
    let error = new Error('depth 5');
    for (let depth = 4; depth >= 0; depth--) error = new Error(`depth ${depth}`, { cause: error });
    const messages: string[] = [];
    for (let cause: unknown = safeCause(error, redactor); cause instanceof Error; cause = cause.cause) messages.push(cause.message);
    expect(messages).toEqual(['depth 0', 'depth 1', 'depth 2', 'depth 3', 'depth 4']);
  });

  it('loses only the field whose getter throws, and never what it threw', () => {
    const error = new Error('refused');
    Object.defineProperty(error, 'code', { get: () => { throw new Error(SECRET); } });
    const copy = safeCause(error, redactor) as Error & { code?: string };
    expect(copy.message).toBe('refused');
    expect(copy.code).toBeUndefined();
    expect(JSON.stringify(copy) + String(copy)).not.toContain(SECRET);
  });

  it('copies a Proxy whose every trap throws as an unreadable value, without throwing', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error(SECRET); }, getPrototypeOf: () => { throw new Error(SECRET); } });
    expect(safeCause(hostile, redactor).message).toBe('a non-Error value (object) was thrown');
  });
});
