import { describe, expect, it } from 'vitest';
import { catchError } from '@oemkit/test-support/catch-error';
import { ValidationError } from '../../src/errors.js';
import { describeFilterParameterProblem, parseFilterParameterKey } from '../../src/filter-parameters/filter-parameters.js';
import { filterParameter, filterParameters, filterParametersSchema, setupRequestSchema } from '../../src/index.js';

describe('filterParameters', () => {
  it('infers string, int, float and boolean types from plain values', () => {
    expect(filterParameters({ org_id: 'ID8700089023', seats: 12, myData: 100.1, active: true })).toEqual({
      '[org_id].[string]': 'ID8700089023',
      '[seats].[int]': 12,
      '[myData].[float]': 100.1,
      '[active].[boolean]': true,
    });
  });

  it('writes null as the undefined type that removes the filter', () => {
    expect(filterParameters({ region: null })).toEqual({ '[region].[undefined]': null });
    expect(filterParameters({ region: filterParameter.clear() })).toEqual({ '[region].[undefined]': null });
  });

  it('lets the caller state a type where inference would guess wrong', () => {
    expect(
      filterParameters({
        myData: filterParameter.float(100),
        since: filterParameter.date('2026-01-31'),
        day: filterParameter.date(new Date(Date.UTC(2026, 0, 31, 23, 0))),
        at: filterParameter.timestamp('2026-01-31T09:30:00Z'),
        code: filterParameter.string('007'),
      }),
    ).toEqual({
      '[myData].[float]': 100,
      '[since].[date]': '2026-01-31',
      '[day].[date]': '2026-01-31',
      '[at].[timestamp]': '2026-01-31T09:30:00Z',
      '[code].[string]': '007',
    });
  });

  it('writes a Date as an ISO 8601 timestamp', () => {
    expect(filterParameters({ at: new Date(Date.UTC(2026, 0, 31, 9, 30)) })).toEqual({
      '[at].[timestamp]': '2026-01-31T09:30:00.000Z',
    });
  });

  it('rejects names containing brackets and empty names, naming each', () => {
    const error = catchError(ValidationError, () => filterParameters({ 'a]b': 'x', '': 'y', 'c[': 'z', ok: 'fine' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((issue) => issue.path[0])).toEqual(['a]b', '', 'c[']);
  });

  it('reports every value that does not fit its type and returns nothing partial', () => {
    const error = catchError(ValidationError, () =>
      filterParameters({
        org_id: 'fine',
        a: 2 ** 53,
        d: Number.POSITIVE_INFINITY,
        e: new Date('not a date'),
        f: Number.NaN,
      }),
    );
    expect(error.issues).toEqual([
      { path: ['a'], message: 'an int parameter needs an integer' },
      { path: ['d'], message: 'a float parameter needs a finite number' },
      { path: ['e'], message: 'a timestamp parameter needs a valid Date; this one is Invalid Date' },
      { path: ['f'], message: 'a float parameter needs a finite number' },
    ]);
  });
});

describe('filterParameter', () => {
  it('checks each argument at once and names the builder in the error', () => {
    const cases: [() => unknown, string, string][] = [
      [() => filterParameter.int(1.5), 'int', 'an int parameter needs an integer'],
      [() => filterParameter.int(2 ** 53), 'int', 'an int parameter needs an integer'],
      [() => filterParameter.float(Number.NaN), 'float', 'a float parameter needs a finite number'],
      [() => filterParameter.float(Number.NEGATIVE_INFINITY), 'float', 'a float parameter needs a finite number'],
      [() => filterParameter.string(5 as never), 'string', 'a string parameter needs a string'],
      [() => filterParameter.boolean('true' as never), 'boolean', 'a boolean parameter needs true or false'],
      [() => filterParameter.date('2026-02-30'), 'date', 'a date parameter needs YYYY-MM-DD'],
      [() => filterParameter.date(20260131 as never), 'date', 'a date parameter needs YYYY-MM-DD'],
      [() => filterParameter.timestamp('yesterday'), 'timestamp', 'a timestamp parameter needs ISO 8601, e.g. 2026-01-31T09:30:00Z'],
    ];
    for (const [run, builder, message] of cases) {
      const error = catchError(ValidationError, run);
      expect(error.issues).toEqual([{ path: [], message }]);
      expect(error.message).toBe(`Invalid filterParameter.${builder}() argument: ${message}`);
    }
  });

  it('refuses an invalid Date with a ValidationError instead of a RangeError', () => {
    for (const builder of ['date', 'timestamp'] as const) {
      const error = catchError(ValidationError, () => filterParameter[builder](new Date(Number.NaN)));
      expect(error.issues).toEqual([{ path: [], message: `a ${builder} parameter needs a valid Date; this one is Invalid Date` }]);
    }
  });

  it('refuses a Date whose year ISO 8601 cannot write in four digits', () => {
    const farFuture = new Date(Date.UTC(10_000, 0, 1));
    expect(catchError(ValidationError, () => filterParameter.date(farFuture)).issues[0]?.message).toBe('a date parameter needs YYYY-MM-DD');
    expect(catchError(ValidationError, () => filterParameter.timestamp(farFuture)).issues[0]?.message).toMatch(/^a timestamp parameter/);
  });

  it('never quotes the refused argument, which may be sensitive', () => {
    const error = catchError(ValidationError, () => filterParameter.date('tenant-4711-secret'));
    expect(error.message).not.toContain('tenant-4711-secret');
    expect(JSON.stringify(error.issues)).not.toContain('tenant-4711-secret');
  });

  it('makes frozen values, so a typed parameter cannot be retyped after its check', () => {
    const value = filterParameter.string('ID87');
    expect(Object.isFrozen(value)).toBe(true);
    expect(() => {
      (value as { type: string }).type = 'undefined';
    }).toThrow(TypeError);
    expect(filterParameters({ org_id: value })).toEqual({ '[org_id].[string]': 'ID87' });
  });
});

describe('parseFilterParameterKey', () => {
  it('splits every documented type out of the bracket grammar', () => {
    for (const type of ['float', 'string', 'int', 'boolean', 'date', 'timestamp', 'undefined'] as const) {
      expect(parseFilterParameterKey(`[my name].[${type}]`)).toEqual({ name: 'my name', type });
    }
  });

  it('returns undefined for keys outside the grammar', () => {
    for (const key of ['org_id', '[org_id]', '[org_id].[text]', '[].[string]', '[a]b].[string]', '[a].[string] ', 'x[a].[int]']) {
      expect(parseFilterParameterKey(key)).toBeUndefined();
    }
  });
});

describe('describeFilterParameterProblem', () => {
  it('accepts leap days and offsets and refuses impossible dates and times', () => {
    expect(describeFilterParameterProblem('date', '2028-02-29')).toBeUndefined();
    expect(describeFilterParameterProblem('date', '2027-02-29')).toBeDefined();
    expect(describeFilterParameterProblem('timestamp', '2026-01-31T09:30:00.123+05:30')).toBeUndefined();
    expect(describeFilterParameterProblem('timestamp', '2026-01-31T09:30')).toBeUndefined();
    expect(describeFilterParameterProblem('timestamp', '2026-01-31T24:00:00Z')).toBeDefined();
    expect(describeFilterParameterProblem('timestamp', '2026-01-31')).toBeDefined();
    expect(describeFilterParameterProblem('int', 2 ** 53)).toBeDefined();
    expect(describeFilterParameterProblem('undefined', 'x')).toBeDefined();
  });
});

describe('filterParametersSchema', () => {
  it('accepts the seed example once its missing comma is restored', () => {
    const seed = {
      '[myData].[float]': 100.1,
      '[greeting].[string]': 'Welcome',
      '[org_id].[string]': 'ID8700089023',
      '[region].[undefined]': null,
    };
    expect(filterParametersSchema.parse(seed)).toEqual(seed);
  });

  it('reports each bad key and value with its key as the path', () => {
    const result = setupRequestSchema.safeParse({
      email: 'ana@example.com',
      filterParameters: { org_id: 'x', '[n].[int]': 'seven' },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([
      ['filterParameters', 'org_id'],
      ['filterParameters', '[n].[int]'],
    ]);
  });
});
