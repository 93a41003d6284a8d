import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catchError } from '@oemkit/test-support/catch-error';
import { FilterError, ValidationError, decodeFilters, encodeFilters } from '../../src/index.js';

describe('encodeFilters', () => {
  it('encodes the seed single-filter example exactly', () => {
    expect(encodeFilters({ 'Product Dim.Hierarchy Lvl2 Name': 'Fresh' })).toBe('Product Dim.Hierarchy Lvl2 Name|Fresh;');
  });

  it('encodes the seed multi-filter example canonically, without line breaks', () => {
    expect(
      encodeFilters([
        { field: 'Product Dim.Hierarchy Lvl2 Name', values: ['Fresh', 'Frozen'] },
        { field: 'Product Dim.Hierarchy Lvl3 Name', values: ['Canned Foods', 'Desserts'] },
      ]),
    ).toBe('Product Dim.Hierarchy Lvl2 Name|Fresh,Frozen;Product Dim.Hierarchy Lvl3 Name|Canned Foods,Desserts;');
  });

  it('accepts a record of single values and lists in insertion order', () => {
    expect(encodeFilters({ 'Region Dim.Country Name': 'United Kingdom', 'Date Dim.Year': ['2026'] })).toBe(
      'Region Dim.Country Name|United Kingdom;Date Dim.Year|2026;',
    );
  });

  it('writes numbers and booleans as the text Astrato reads', () => {
    expect(encodeFilters({ 'Date Dim.Year': 2026 })).toBe('Date Dim.Year|2026;');
    expect(encodeFilters({ 'Date Dim.Year': [2025, 2026], 'Customer.Active': true, Score: -0.5 })).toBe('Date Dim.Year|2025,2026;Customer.Active|true;Score|-0.5;');
    expect(encodeFilters([{ field: 'Flag', values: [false, 'maybe', 0] }])).toBe('Flag|false,maybe,0;');
  });

  it('refuses NaN, Infinity and values that are not text, numbers or booleans', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, null, undefined, {}, [[]]]) {
      const error = catchError(FilterError, () => encodeFilters({ 'Date Dim.Year': value } as never));
      expect(error).toMatchObject({ field: 'Date Dim.Year', index: 0 });
      expect(error.message).toMatch(/a value is not text, a finite number or a boolean$/);
    }
  });

  it('encodes no filters as an empty payload', () => {
    expect(encodeFilters([])).toBe('');
    expect(encodeFilters({})).toBe('');
  });

  const rejections: [string, Parameters<typeof encodeFilters>[0], RegExp][] = [
    ['a semicolon in a value', { Region: ['Bosnia; Herzegovina'] }, /contains ; \| or ,/],
    ['a comma in a value', { City: ['Washington, D.C.'] }, /contains ; \| or ,/],
    ['a pipe in a value', { Code: ['a|b'] }, /contains ; \| or ,/],
    ['a separator in a field name', { 'Sales;Region': ['EU'] }, /field name contains/],
    ['a pipe in a field name', { 'A|B': ['x'] }, /field name contains/],
    ['an empty field name', { '': ['x'] }, /field name is empty/],
    ['a leading space in a field name', { ' Region': ['EU'] }, /white space/],
    ['a trailing newline in a field name', { 'Region\n': ['EU'] }, /white space/],
    ['an empty value list', { Region: [] }, /no values/],
    ['an empty value', { Region: ['EU', ''] }, /value is empty/],
  ];
  for (const [what, input, message] of rejections) {
    it(`rejects ${what} with a FilterError naming the filter`, () => {
      const error = catchError(FilterError, () => encodeFilters(input));
      expect(error.code).toBe('INVALID_FILTER');
      expect(error.field).toBe(Object.keys(input)[0]);
      expect(error.index).toBe(0);
      expect(error.message).toMatch(message);
    });
  }

  const notFilters: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['a string, which would otherwise be encoded character by character', 'Date Dim.Year|2026'],
    ['a number', 2026],
  ];
  for (const [what, input] of notFilters) {
    it(`rejects ${what} with a ValidationError saying what to pass`, () => {
      const error = catchError(ValidationError, () => encodeFilters(input as Parameters<typeof encodeFilters>[0]));
      expect(error.code).toBe('VALIDATION_ERROR');
      expect(error.message).toBe('Invalid filters: pass [{ field, values }] or { field: values }');
    });
  }

  it('rejects a list entry that is not a filter with a FilterError naming its position', () => {
    const error = catchError(FilterError, () => encodeFilters([{ field: 'Ok', values: ['1'] }, null] as never));
    expect(error).toMatchObject({ code: 'INVALID_FILTER', index: 1 });
  });

  it('refuses a field that is no text, even one with no string form, with a FilterError naming its type', () => {
    const error = catchError(FilterError, () => encodeFilters([{ field: Object.create(null), values: ['x'] }] as never));
    expect(error).toMatchObject({ code: 'INVALID_FILTER', field: 'object', index: 0 });
  });

  it('names the position of the offending filter in a list', () => {
    const error = catchError(FilterError, () => encodeFilters([{ field: 'Ok', values: ['1'] }, { field: 'Bad', values: ['a,b'] }]));
    expect(error).toMatchObject({ field: 'Bad', index: 1 });
  });
});

describe('decodeFilters', () => {
  it('decodes the seed payloads, including instructions on separate lines', () => {
    expect(decodeFilters('Product Dim.Hierarchy Lvl2 Name|Fresh,Grocery;')).toEqual([{ field: 'Product Dim.Hierarchy Lvl2 Name', values: ['Fresh', 'Grocery'] }]);
    expect(decodeFilters('Region Dim.Country Name|United Kingdom;\nDate Dim.Year|2026;\n')).toEqual([
      { field: 'Region Dim.Country Name', values: ['United Kingdom'] },
      { field: 'Date Dim.Year', values: ['2026'] },
    ]);
  });

  it('accepts a payload without the final semicolon', () => {
    expect(decodeFilters('Date Dim.Year|2026')).toEqual([{ field: 'Date Dim.Year', values: ['2026'] }]);
  });

  it('keeps white space inside values, as Astrato does', () => {
    expect(decodeFilters('F| a ,b ;')).toEqual([{ field: 'F', values: [' a ', 'b '] }]);
  });

  it('rejects instructions without exactly one pipe, without a field, or with an empty value', () => {
    for (const payload of ['Region;', 'A|b|c;', '|x;', 'A|;', 'A|x,,y;']) {
      expect(() => decodeFilters(payload)).toThrow(FilterError);
    }
  });
});

describe('the codec as a pair', () => {
  const part = (forbidden: RegExp) => fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }).filter((s) => !forbidden.test(s));
  const field = part(/[;|,]/).filter((s) => s.trim() === s);
  const value = part(/[;|,]/);
  const filters = fc.array(fc.record({ field, values: fc.array(value, { minLength: 1, maxLength: 5 }) }), { maxLength: 6 });

  it('decodes exactly what it encodes', () => {
    fc.assert(
      fc.property(filters, (input) => {
        expect(decodeFilters(encodeFilters(input))).toEqual(input);
      }),
    );
  });

  it('splits an encoded payload the way Astrato splits it', () => {
    fc.assert(
      fc.property(filters, (input) => {
        // Astrato's action: split on ";", each on "|" (field, values), values on ",", no trimming.
        const astrato = encodeFilters(input)
          .split(';')
          .filter((instruction) => instruction !== '')
          .map((instruction) => ({ field: instruction.split('|')[0], values: instruction.split('|')[1]!.split(',') }));
        expect(astrato).toEqual(input);
      }),
    );
  });

  it('rejects any value that contains a separator', () => {
    const poisoned = fc.tuple(value, fc.constantFrom(';', '|', ','), value).map(([a, sep, b]) => a + sep + b);
    fc.assert(
      fc.property(field, poisoned, (name, bad) => {
        expect(() => encodeFilters({ [name]: [bad] })).toThrow(FilterError);
      }),
    );
  });
});
