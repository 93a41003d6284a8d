import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catchError } from '@oemkit/test-support/catch-error';
import { FILTER_PARAMETER_TYPES, filterParameter, filterParameters, type FilterParameterInput } from '../../src/index.js';
import { ValidationError } from '../../src/errors.js';
import { parseFilterParameterKey } from '../../src/filter-parameters/filter-parameters.js';

const BRAND = Symbol.for('oemkit.filterParameter');
const TYPES = [...FILTER_PARAMETER_TYPES, 'undefined'] as const;
const ONE_VALUE = 'pass one value per parameter: a string, number, boolean, Date, null, or a filterParameter.*() value';

/** Calls the builder with what a JavaScript caller or parsed JSON could hand it, whatever the types say. */
const build = (input: unknown) => filterParameters(input as Record<string, FilterParameterInput>);

/** The one type inference may give a JSON value, or `undefined` when it must be refused. */
function expectedType(value: unknown): string | undefined {
  if (value === null) return 'undefined';
  if (typeof value === 'string' || typeof value === 'boolean') return typeof value;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'int' : Number.isInteger(value) ? undefined : 'float';
  return undefined;
}

describe('filterParameters with untrusted input', () => {
  it('refuses a { type, value } object from JSON that would clear the filter', () => {
    const claims = JSON.parse('{ "org_id": { "type": "undefined", "value": null } }');
    const error = catchError(ValidationError, () => build(claims));
    expect(error.issues).toEqual([
      {
        path: ['org_id'],
        message: `an object is not a parameter value (a { type, value } object counts only when filterParameter.*() made it): ${ONE_VALUE}`,
      },
    ]);
  });

  it('refuses a { type, value } object with a type outside the list instead of writing [name].[bogus]', () => {
    const error = catchError(ValidationError, () => build({ org_id: { type: 'bogus', value: 'A' } }));
    expect(error.issues.map((issue) => issue.path)).toEqual([['org_id']]);
  });

  it('refuses a typed parameter that lost its brand on a trip through JSON', () => {
    const roundTripped = JSON.parse(JSON.stringify({ region: filterParameter.clear() }));
    expect(() => build(roundTripped)).toThrow(ValidationError);
  });

  it('accepts a branded value from another copy of the package, but only with a listed type', () => {
    expect(build({ org_id: { [BRAND]: true, type: 'string', value: 'A' } })).toEqual({ '[org_id].[string]': 'A' });
    const error = catchError(ValidationError, () => build({ org_id: { [BRAND]: true, type: 'bogus', value: 'A' } }));
    expect(error.issues).toEqual([
      { path: ['org_id'], message: `a typed parameter needs one of the types ${TYPES.join(', ')}: ${ONE_VALUE}` },
    ]);
  });

  it('counts the brand only when it is the own value true', () => {
    for (const forged of [
      { [BRAND]: 'true', type: 'undefined', value: null },
      { [BRAND]: 1, type: 'undefined', value: null },
      Object.create(filterParameter.clear()),
    ]) {
      expect(catchError(ValidationError, () => build({ region: forged })).issues.map((issue) => issue.path)).toEqual([['region']]);
    }
  });

  it('refuses an array or a plain object as a value at once, naming the parameter and what to pass', () => {
    const error = catchError(ValidationError, () => build({ org_id: ['A', 'B'], team: { id: 7 }, seats: 12 }));
    expect(error.issues).toEqual([
      { path: ['org_id'], message: `an array is not a parameter value: ${ONE_VALUE}` },
      {
        path: ['team'],
        message: `an object is not a parameter value (a { type, value } object counts only when filterParameter.*() made it): ${ONE_VALUE}`,
      },
    ]);
  });

  it('refuses undefined instead of dropping the parameter', () => {
    const error = catchError(ValidationError, () => build({ org_id: undefined }));
    expect(error.issues).toEqual([
      {
        path: ['org_id'],
        message: 'has no value (undefined): pass a string, number, boolean, Date or filterParameter.*() value, or null to clear the filter on purpose',
      },
    ]);
  });

  it('refuses functions, bigints and symbols as values', () => {
    const error = catchError(ValidationError, () => build({ a: () => 'A', b: 10n, c: Symbol('c') }));
    expect(error.issues.map((issue) => issue.message)).toEqual([
      `a function is not a parameter value: ${ONE_VALUE}`,
      `a bigint is not a parameter value: ${ONE_VALUE}`,
      `a symbol is not a parameter value: ${ONE_VALUE}`,
    ]);
  });

  it('refuses an input that is not an object of names to values with a ValidationError, not a TypeError', () => {
    const cases: [unknown, string][] = [
      [null, 'null'],
      [undefined, 'undefined'],
      ['x', 'a string'],
      [42, 'a number'],
      [[{ org_id: 'A' }], 'an array'],
      [new Map([['org_id', 'A']]), 'a Map'],
    ];
    for (const [input, kind] of cases) {
      const error = catchError(ValidationError, () => build(input));
      expect(error.issues).toEqual([
        { path: [], message: `pass an object of parameter names to values, e.g. { org_id: 'ID8700089023' }, not ${kind}` },
      ]);
    }
  });

  it('never quotes a refused value, which may be sensitive', () => {
    const secret = 'tenant-4711-secret';
    const error = catchError(ValidationError, () => build({ a: [secret], b: { token: secret }, c: { type: 'string', value: secret } }));
    expect(error.message).not.toContain(secret);
    expect(JSON.stringify(error.issues)).not.toContain(secret);
  });

  it('reads own enumerable keys only, ignoring inherited, non-enumerable and symbol keys', () => {
    const input = Object.create({ region: null, org_id: 'inherited' }) as Record<string, unknown>;
    input.seats = 12;
    Object.defineProperty(input, 'hidden', { value: null, enumerable: false });
    (input as Record<symbol, unknown>)[Symbol('s')] = null;
    expect(build(input)).toEqual({ '[seats].[int]': 12 });
  });

  it('ignores a key polluted onto Object.prototype, so it cannot clear a filter', () => {
    let output: object;
    Object.defineProperty(Object.prototype, 'region', { value: null, enumerable: true, configurable: true, writable: true });
    try {
      output = filterParameters({ org_id: 'A' });
    } finally {
      delete (Object.prototype as Record<string, unknown>).region;
    }
    expect(Object.keys(output)).toEqual(['[org_id].[string]']);
  });

  it('treats a JSON "__proto__" key as an ordinary parameter name, without touching any prototype', () => {
    const output = build(JSON.parse('{ "__proto__": "x", "org_id": "A" }'));
    expect(Object.entries(output)).toEqual([
      ['[__proto__].[string]', 'x'],
      ['[org_id].[string]', 'A'],
    ]);
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('refuses a JSON "__proto__" key holding an object, naming it', () => {
    const error = catchError(ValidationError, () => build(JSON.parse('{ "__proto__": { "org_id": null }, "org_id": "A" }')));
    expect(error.issues.map((issue) => issue.path)).toEqual([['__proto__']]);
  });

  it('gives any JSON value exactly its inferred type or refuses it, never clearing unless it was null', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const type = expectedType(value);
        if (type === undefined) {
          expect(catchError(ValidationError, () => build({ p: value })).issues.map((issue) => issue.path)).toEqual([['p']]);
        } else {
          expect(build({ p: value })).toEqual({ [`[p].[${type}]`]: value });
        }
      }),
    );
  });

  it('writes only listed types for any JSON object, one key per parameter, or refuses the whole', () => {
    const forged = fc.record({ type: fc.oneof(fc.constantFrom(...TYPES), fc.string()), value: fc.jsonValue() });
    const input = fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), forged));
    fc.assert(
      fc.property(input, (parameters) => {
        let output: Record<string, unknown>;
        try {
          output = build(parameters);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          return;
        }
        const names = Object.keys(parameters);
        expect(Object.keys(output)).toHaveLength(names.length);
        for (const [index, key] of Object.keys(output).entries()) {
          const parsed = parseFilterParameterKey(key);
          expect(parsed?.name).toBe(names[index]);
          expect(parsed?.type).toBe(expectedType(parameters[names[index]!]));
        }
      }),
    );
  });
});
