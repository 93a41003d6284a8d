import { describe, expect, it } from 'vitest';
import { guarded, readGuarded } from '../../src/runtime/read-guarded.js';

describe('readGuarded', () => {
  it('gives the value of a field', () => {
    expect(readGuarded({ code: 'ECONNREFUSED' }, 'code')).toEqual({ ok: true, value: 'ECONNREFUSED' });
  });

  it('gives undefined for a field of nothing, as optional chaining does', () => {
    expect(readGuarded(undefined, 'code')).toEqual({ ok: true, value: undefined });
    expect(readGuarded(null, 'code')).toEqual({ ok: true, value: undefined });
  });

  it('says a getter threw without what it threw, and runs it once', () => {
    let reads = 0;
    const hostile = {
      get code(): string {
        reads++;
        throw new Error('the secret sk_live_123');
      },
    };
    const read = readGuarded(hostile, 'code');
    expect(read).toEqual({ ok: false });
    expect(JSON.stringify(read)).not.toContain('sk_live');
    expect(reads).toBe(1);
  });

  it('says a Proxy trap threw, and runs it once', () => {
    let traps = 0;
    const proxy = new Proxy({}, {
      get() {
        traps++;
        throw new Error('trap');
      },
    });
    expect(readGuarded(proxy, 'message')).toEqual({ ok: false });
    expect(traps).toBe(1);
  });
});

describe('guarded', () => {
  it('gives what a check answers, or that it threw (an instanceof that meets a throwing getPrototypeOf trap)', () => {
    const proxy = new Proxy({}, { getPrototypeOf: () => { throw new Error('trap'); } });
    expect(guarded(() => new Error('x') instanceof Error)).toEqual({ ok: true, value: true });
    expect(guarded(() => proxy instanceof Error)).toEqual({ ok: false });
  });
});
