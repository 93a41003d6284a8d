/**
 * The embed link's initial state: what buildEmbedUrl writes, held to the help centre's grammar by
 * parseEmbedLinkState (@oemkit/server/testing), a reader written independently of the builder.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEmbedLinkState } from '@oemkit/server/testing';
import { catchError } from '@oemkit/test-support/catch-error';
import { EMBED_LINK_LIMIT } from '../../src/links/embed-link.js';
import { buildEmbedUrl, FilterError, isOemkitError, ValidationError, type FilterValue, type InitialState, type QueryFilter } from '../../src/index.js';

const LINK = 'https://app.astrato.io/embed/AbC123';

describe('buildEmbedUrl', () => {
  it('writes the help centre’s example: one variable parameter per variable, one queryFilter joined by " and "', () => {
    const href = buildEmbedUrl(LINK, {
      variables: { vTop: 10, vIsMale: false, vText: 'This is a nice app' },
      queryFilters: [
        { table: 'Territory', field: 'Sales Country', values: ['Australia', 'Canada'] },
        { model: 'Default', table: 'Product Category', field: 'Product Category', values: ['Bikes'] },
      ],
    });
    const query = new URL(href).search.slice(1).split('&');
    expect(query.map(decodeURIComponent)).toEqual([
      'variable=vTop:10',
      'variable=vIsMale:false',
      'variable=vText:This is a nice app',
      "queryFilter=Default/Territory/'Sales Country' in ('Australia', 'Canada') and Default/'Product Category'/'Product Category' in ('Bikes')",
    ]);
  });

  it('percent-encodes a space as %20, never +, and a + as %2B', () => {
    const href = buildEmbedUrl(LINK, { variables: { vText: 'a b+c' } });
    expect(href).toBe(`${LINK}?variable=vText%3Aa%20b%2Bc`);
  });

  it('keeps the link’s own parameters and fragment, and leaves a link with no state as it was', () => {
    const link = `${LINK}?lang=en&theme=dark%20blue#sheet-2`;
    expect(buildEmbedUrl(link, { variables: { vTop: 3 } })).toBe(`${LINK}?lang=en&theme=dark%20blue&variable=vTop%3A3#sheet-2`);
    expect(buildEmbedUrl(link, {})).toBe(link);
    expect(buildEmbedUrl(LINK)).toBe(LINK);
  });

  it('joins a queryFilter already in the link to queryFilters with " and ", into the one parameter Astrato reads', () => {
    const link = `${LINK}?queryFilter=${encodeURIComponent("Default/Territory/Region in ('EU')")}&lang=en`;
    const href = buildEmbedUrl(link, { queryFilters: [{ table: 'Product', field: 'Category', values: ['Bikes'] }] });
    expect(new URL(href).searchParams.getAll('queryFilter')).toEqual(["Default/Territory/Region in ('EU') and Default/Product/Category in ('Bikes')"]);
    expect(parseEmbedLinkState(href).queryFilters.map((filter) => filter.field)).toEqual(['Region', 'Category']);
    expect(new URL(href).search).toMatch(/^\?lang=en&queryFilter=/);
    expect(buildEmbedUrl(link, { variables: { vTop: 1 } })).toBe(`${new URL(link).href}&variable=vTop%3A1`);
  });

  it('keeps a parameter that starts with "?" as written, and merges by the key url.searchParams reads', () => {
    expect(buildEmbedUrl(`${LINK}??a=1`, { variables: { vTop: 20 } })).toBe(`${LINK}??a=1&variable=vTop%3A20`);
    const href = buildEmbedUrl(`${LINK}?x=1&?queryFilter=T`, { queryFilters: [{ table: 'P', field: 'C', values: ['B'] }] });
    expect(href).toBe(`${LINK}?x=1&?queryFilter=T&queryFilter=${encodeURIComponent("Default/P/C in ('B')").replaceAll("'", '%27')}`);
  });

  it('writes nothing for a state of null, as for none', () => {
    expect(buildEmbedUrl(LINK, null as never)).toBe(LINK);
  });

  it('takes an empty queryFilter in the link for none, so the one it writes still parses', () => {
    const href = buildEmbedUrl(`${LINK}?queryFilter=&queryFilter=%20`, { queryFilters: [{ table: 'Product', field: 'Category', values: ['Bikes'] }] });
    expect(new URL(href).searchParams.getAll('queryFilter')).toEqual(["Default/Product/Category in ('Bikes')"]);
  });

  it('replaces a variable the link already sets when variables names it again, and keeps the link’s others as written', () => {
    const link = `${LINK}?variable=vTop:10&variable=vText:a+b&variable=toString:x`;
    const href = buildEmbedUrl(link, { variables: { vTop: 20 } });
    expect(href).toBe(`${LINK}?variable=vText:a+b&variable=toString:x&variable=vTop%3A20`);
    expect(parseEmbedLinkState(href).variables).toEqual([
      ['vText', 'a b'],
      ['toString', 'x'],
      ['vTop', '20'],
    ]);
  });

  it('writes numbers and booleans as String() does, and quotes only names with more than letters, digits and _', () => {
    const href = buildEmbedUrl(LINK, {
      variables: { n: -0.5, big: 1e21, yes: true },
      queryFilters: [{ model: 'Sales_2026', table: 'Date-Dim', field: 'Year', values: [2026, true] }],
    });
    expect(parseEmbedLinkState(href).variables).toEqual([
      ['n', '-0.5'],
      ['big', '1e+21'],
      ['yes', 'true'],
    ]);
    expect(decodeURIComponent(new URL(href).searchParams.getAll('queryFilter').join())).toBe("Sales_2026/'Date-Dim'/Year in ('2026', 'true')");
  });

  const refusals: [string, InitialState, number, string, string][] = [
    ['a quote in a value', { queryFilters: [{ table: 'T', field: 'Name', values: ["O'Brien"] }] }, 0, 'Name', `a value contains "'"`],
    ['a quote in a name', { queryFilters: [{ table: "Cust'omer", field: 'Name', values: ['x'] }] }, 0, 'Name', `the table name contains "'"`],
    ['a / in a field name', { queryFilters: [{ table: 'T', field: 'a/b', values: ['x'] }] }, 0, 'a/b', 'the field name contains "/"'],
    ['a / in a model name', { queryFilters: [{ model: 'M/2', table: 'T', field: 'F', values: ['x'] }] }, 0, 'F', 'the model name contains "/"'],
    ['a : in a variable name', { variables: { ok: 1, 'v:Top': 10 } }, 1, 'v:Top', 'variable: the name contains ":"'],
    ['an empty variable name', { variables: { '': 1 } }, 0, '', 'variable: the name is empty or not text'],
    ['a blank table name', { queryFilters: [{ table: '  ', field: 'F', values: ['x'] }] }, 0, 'F', 'the table name is empty or not text'],
    ['an empty model name', { queryFilters: [{ model: '', table: 'T', field: 'F', values: ['x'] }] }, 0, 'F', 'the model name is empty or not text'],
    ['an empty value list', { queryFilters: [{ table: 'T', field: 'F', values: ['x'] }, { table: 'T', field: 'G', values: [] }] }, 1, 'G', 'there are no values'],
    ['an empty value', { queryFilters: [{ table: 'T', field: 'F', values: ['x', ''] }] }, 0, 'F', 'a value is empty'],
    ['an empty variable value', { variables: { vText: '' } }, 0, 'vText', 'variable: a value is empty'],
    ['NaN', { variables: { vTop: Number.NaN } }, 0, 'vTop', 'variable: a value is not text, a finite number or a boolean'],
    ['Infinity', { queryFilters: [{ table: 'T', field: 'F', values: [Number.POSITIVE_INFINITY] }] }, 0, 'F', 'a value is not text, a finite number or a boolean'],
    ['a line break', { variables: { vText: 'two\nlines' } }, 0, 'vText', 'variable: a value contains "\\n"'],
    ['a control character in a name', { queryFilters: [{ table: 'T\u0000', field: 'F', values: ['x'] }] }, 0, 'F', 'the table name contains "\\u0000"'],
    ['a Unicode line separator', { variables: { vText: 'a\u2028b' } }, 0, 'vText', 'variable: a value contains "\u2028"'],
    ['a lone surrogate', { variables: { vText: 'a\ud800' } }, 0, 'vText', 'variable: a value contains "\\ud800"'],
  ];
  for (const [name, state, index, field, reason] of refusals) {
    it(`refuses ${name} with a FilterError naming the variable or filter and why`, () => {
      const error = catchError(FilterError, () => buildEmbedUrl(LINK, state));
      expect(error).toMatchObject({ code: 'INVALID_FILTER', index, field });
      expect(error.message).toMatch(new RegExp(`^Filter ${index} \\(.*\\) cannot be sent to Astrato: `));
      expect(error.message).toContain(reason);
    });
  }

  it('refuses a hole in a sparse list of filters or values as a missing filter or value, not a gap in the link', () => {
    expect(catchError(FilterError, () => buildEmbedUrl(LINK, { queryFilters: [{ table: 'T', field: 'F', values: [, 'x'] as never }] })).message).toMatch(/a value is not text/);
    expect(catchError(FilterError, () => buildEmbedUrl(LINK, { queryFilters: [, { table: 'T', field: 'F', values: ['x'] }] as never })).message).toMatch(/the table name is empty/);
  });

  it('refuses variables that are not a record, query filters that are not a list and a link that is not an http(s) URL with a ValidationError', () => {
    const cases: [unknown, unknown, string][] = [
      [LINK, { variables: null }, 'Invalid options: variables: pass { name: value }'],
      [LINK, { variables: [['vTop', 1]] }, 'Invalid options: variables: pass { name: value }'],
      [LINK, { variables: 'vTop:1' }, 'Invalid options: variables: pass { name: value }'],
      [LINK, { queryFilters: { table: 'T', field: 'F', values: ['x'] } }, 'Invalid options: queryFilters: pass [{ table, field, values }]'],
      ['javascript:alert(1)', {}, 'Invalid options: embedUrl: must be an http(s) URL'],
      [42, {}, 'Invalid options: embedUrl: must be an http(s) URL'],
    ];
    for (const [link, state, message] of cases) {
      expect(catchError(ValidationError, () => buildEmbedUrl(link as string, state as InitialState)).message).toBe(message);
    }
  });

  it('refuses a link longer than EMBED_LINK_LIMIT characters, state included, which servers answer with 431 or never load', () => {
    const long = `${LINK}?pad=${'x'.repeat(EMBED_LINK_LIMIT - LINK.length - 5)}`;
    expect(buildEmbedUrl(long)).toHaveLength(EMBED_LINK_LIMIT);
    expect(catchError(ValidationError, () => buildEmbedUrl(`${long}x`)).message).toBe(
      `Invalid options: embedUrl: is ${EMBED_LINK_LIMIT + 1} characters with its initial state; at most ${EMBED_LINK_LIMIT} load (send large filters with setFilters)`,
    );
    const many = Array.from({ length: 400 }, (_, index) => `Country ${index}`);
    expect(catchError(ValidationError, () => buildEmbedUrl(LINK, { queryFilters: [{ table: 'Territory', field: 'Country', values: many }] })).message).toMatch(
      /^Invalid options: embedUrl: is \d+ characters with its initial state; at most 8000 load/,
    );
  });

  it('refuses to merge into a queryFilter or variable of the link that the grammar does not read, rather than join to it', () => {
    const cases: [string, InitialState][] = [
      [`${LINK}?queryFilter=${encodeURIComponent("Default/Territory/Country = 'UK'")}`, { queryFilters: [{ table: 'T', field: 'F', values: ['x'] }] }],
      [`${LINK}?queryFilter=${encodeURIComponent("Default/T/F in ('a'")}`, { queryFilters: [{ table: 'T', field: 'F', values: ['x'] }] }],
      [`${LINK}?queryFilter=${encodeURIComponent("T/F in ('a')")}`, { queryFilters: [{ table: 'T', field: 'F', values: ['x'] }] }],
      [`${LINK}?variable=vTop`, { variables: { vOther: 1 } }],
      [`${LINK}?variable=${encodeURIComponent(':10')}`, { variables: { vOther: 1 } }],
    ];
    for (const [link, state] of cases) {
      expect(catchError(ValidationError, () => buildEmbedUrl(link, state)).message, link).toMatch(/^Invalid options: embedUrl: its (queryFilter|variable) .* is not in Astrato's grammar/);
    }
    // Passed through untouched when nothing is merged into it: the link is Astrato's to read.
    expect(buildEmbedUrl(cases[0]![0])).toBe(new URL(cases[0]![0]).href);
    expect(buildEmbedUrl(`${LINK}?variable=vTop`, { queryFilters: [{ table: 'T', field: 'F', values: ['x'] }] })).toContain('variable=vTop&');
  });

  it('checks both a link’s queryFilter and its variables when variables and queryFilters are merged at once', () => {
    const both = { variables: { vTop: 10 }, queryFilters: [{ table: 'T', field: 'F', values: ['x'] }] };
    const badFilter = `${LINK}?queryFilter=${encodeURIComponent("Default/Territory/Country = 'UK'")}`;
    expect(catchError(ValidationError, () => buildEmbedUrl(badFilter, both)).message).toMatch(/^Invalid options: embedUrl: its queryFilter .* is not in Astrato's grammar/);
    expect(catchError(ValidationError, () => buildEmbedUrl(`${LINK}?variable=vOther`, both)).message).toMatch(/^Invalid options: embedUrl: its variable .* is not in Astrato's grammar/);
  });
});

// Text the grammar can carry: not blank, no quote, no control character, line break or lone surrogate.
const UNWRITABLE = /['\p{Cc}\p{Cs}\u2028\u2029]/u;
const text = (also: RegExp) =>
  fc
    .oneof(
      fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }),
      fc.constantFrom('Sales Country', 'Product Category', 'Territory', 'a, b', 'x)', 'in (', ' and ', '100%', 'a+b', 'Été'),
    )
    .filter((s) => s.trim() !== '' && !UNWRITABLE.test(s) && !also.test(s));
const value: fc.Arbitrary<FilterValue> = fc.oneof(text(/$^/), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean());
const variables = fc.dictionary(text(/:/), value, { maxKeys: 5 });
const name = text(/\//);
const queryFilter: fc.Arbitrary<QueryFilter> = fc.record(
  { model: name, table: name, field: name, values: fc.array(value, { minLength: 1, maxLength: 4 }) },
  { requiredKeys: ['table', 'field', 'values'] },
);
const state = fc.record({ variables, queryFilters: fc.array(queryFilter, { maxLength: 4 }) });

describe('buildEmbedUrl against an independent reader of the grammar', () => {
  it('round-trips every variable and query filter the grammar can express, in order, with no + or raw space in the query', () => {
    fc.assert(
      fc.property(state, (input) => {
        const href = buildEmbedUrl(`${LINK}?lang=en#top`, input);
        expect(parseEmbedLinkState(href)).toEqual({
          variables: Object.entries(input.variables).map(([key, v]) => [key, String(v)]),
          queryFilters: input.queryFilters.map((f) => ({ model: f.model ?? 'Default', table: f.table, field: f.field, values: f.values.map(String) })),
        });
        const url = new URL(href);
        expect(url.search).toMatch(/^\?lang=en(&|$)/);
        expect(url.search).not.toMatch(/[+ ]/);
        expect(url.hash).toBe('#top');
        expect(url.searchParams.getAll('queryFilter')).toHaveLength(input.queryFilters.length ? 1 : 0);
      }),
      { numRuns: 300 },
    );
  });

  it('merges state written into a link with the state passed again: its filters first, a variable named again replaced', () => {
    const expected = (input: { variables: Record<string, FilterValue>; queryFilters: QueryFilter[] }) => ({
      variables: Object.entries(input.variables).map(([key, v]) => [key, String(v)]),
      queryFilters: input.queryFilters.map((f) => ({ model: f.model ?? 'Default', table: f.table, field: f.field, values: f.values.map(String) })),
    });
    fc.assert(
      fc.property(state, state, (first, second) => {
        const href = buildEmbedUrl(buildEmbedUrl(`${LINK}?lang=en#top`, first), second);
        const before = expected(first);
        const after = expected(second);
        expect(parseEmbedLinkState(href)).toEqual({
          variables: [...before.variables.filter(([key]) => !Object.keys(second.variables).includes(key!)), ...after.variables],
          queryFilters: after.queryFilters.length ? [...before.queryFilters, ...after.queryFilters] : before.queryFilters,
        });
        expect(new URL(href).searchParams.getAll('queryFilter').length).toBeLessThanOrEqual(1);
        expect(new URL(href).search).toMatch(/^\?lang=en(&|$)/);
      }),
      { numRuns: 300 },
    );
  });

  // One thing the grammar cannot carry, put at a random place among good variables or filters.
  const bad = (also: string) => fc.tuple(text(/$^/), fc.constantFrom("'", '\n', '\r', '\t', '\u0000', '\u007f', '\u0085', '\u2028', '\ud800', '\udfff', also));
  const poisoned = ([good, [bit, at]]: [string, [string, number]]) => good.slice(0, at % (good.length + 1)) + bit + good.slice(at % (good.length + 1));
  const poison = fc.tuple(text(/$^/), fc.tuple(fc.constantFrom("'", '\n', '\u0000', '\u2028', '\ud800'), fc.nat())).map(poisoned);
  const badVariable = fc.oneof(
    fc.tuple(bad(':'), fc.nat()).map(([[good, bit], at]) => [poisoned([good, [bit, at]]), 1] as [string, unknown]),
    fc.tuple(text(/:/), fc.constantFrom<unknown>('', Number.NaN, Number.NEGATIVE_INFINITY, null, undefined, {}, [], 10n)).map(([key, v]) => [key, v] as [string, unknown]),
    fc.tuple(text(/:/), poison).map(([key, v]) => [key, v] as [string, unknown]),
    fc.constantFrom<[string, unknown]>(['', 1], [' ', 1]),
  );
  const badFilter = fc.oneof(
    fc.tuple(queryFilter, fc.constantFrom('model', 'table', 'field'), fc.oneof(bad('/').map(([good, bit]) => good + bit), fc.constantFrom<unknown>('', ' ', 5, null))).map(
      ([filter, part, broken]) => ({ ...filter, [part]: broken }) as unknown as QueryFilter,
    ),
    fc.tuple(queryFilter, fc.constantFrom<unknown>([], 'x', undefined, [''], [Number.NaN], [null])).map(([filter, values]) => ({ ...filter, values }) as unknown as QueryFilter),
    fc.tuple(queryFilter, poison).map(([filter, v]) => ({ ...filter, values: [...filter.values, v] })),
    fc.constantFrom<unknown>(null, undefined, 'Default/T/F', 7).map((filter) => filter as QueryFilter),
  );

  it('refuses every variable it cannot express with a FilterError naming it, and never writes a link', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text(/:/), value), { maxLength: 4 }), badVariable, fc.nat(), (good, wrong, at) => {
        const entries: [string, unknown][] = good.filter(([key]) => key !== wrong[0]);
        entries.splice(at % (entries.length + 1), 0, wrong);
        const input = Object.fromEntries(entries) as InitialState['variables'];
        const error = catchError(FilterError, () => buildEmbedUrl(LINK, { variables: input }));
        expect(Object.entries(input!)[error.index]).toEqual([error.field, wrong[1]]);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses every query filter it cannot express with a FilterError naming its position and field, and never writes a link', () => {
    fc.assert(
      fc.property(fc.array(queryFilter, { maxLength: 4 }), badFilter, fc.nat(), (good, wrong, at) => {
        const filters = [...good];
        const index = at % (filters.length + 1);
        filters.splice(index, 0, wrong);
        const error = catchError(FilterError, () => buildEmbedUrl(LINK, { queryFilters: filters }));
        expect(error.index).toBe(index);
        const field: unknown = (wrong as Partial<QueryFilter> | null)?.field;
        expect(error.field).toBe(typeof field === 'string' ? field : typeof field);
      }),
      { numRuns: 300 },
    );
  });

  it('answers anything at all with a link the reader accepts or a typed oemkit error, never another exception', () => {
    const anything = fc.anything({ withSparseArray: true, withBoxedValues: true, withNullPrototype: true, withBigInt: true });
    const shaped = fc.oneof(
      anything,
      fc.sparseArray(
        fc.record({
          model: fc.oneof({ weight: 4, arbitrary: name }, anything),
          table: fc.oneof({ weight: 4, arbitrary: name }, anything),
          field: fc.oneof({ weight: 4, arbitrary: name }, anything),
          values: fc.oneof(fc.array(value), fc.sparseArray(value), anything),
        }),
      ),
    );
    fc.assert(
      fc.property(fc.oneof(anything, fc.dictionary(fc.string(), fc.oneof(value, anything))), shaped, (vars, filters) => {
        let href: string;
        try {
          href = buildEmbedUrl(LINK, { variables: vars, queryFilters: filters } as InitialState);
        } catch (error) {
          expect(isOemkitError(error, 'INVALID_FILTER') || isOemkitError(error, 'VALIDATION_ERROR')).toBe(true);
          return;
        }
        expect(() => parseEmbedLinkState(href)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
