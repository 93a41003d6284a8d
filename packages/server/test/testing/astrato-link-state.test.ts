import { describe, expect, it } from 'vitest';
import { parseEmbedLinkState } from '../../src/testing.js';

const LINK = 'https://app.astrato.io/embed/sales-overview';

/** The link with `query` appended as written, so each test shows the exact text under test. */
function link(query: string): string {
  return `${LINK}?${query}`;
}

describe('parseEmbedLinkState: variables', () => {
  it("reads each repeated variable parameter, in order, as Astrato's help centre writes them", () => {
    const state = parseEmbedLinkState(link('variable=vTop:10&variable=vIsMale:false&variable=vText:This%20is%20a%20nice%20app'));
    expect(state.variables).toEqual([
      ['vTop', '10'],
      ['vIsMale', 'false'],
      ['vText', 'This is a nice app'],
    ]);
    expect(state.queryFilters).toEqual([]);
  });

  it('splits a variable at the first colon, so the value may hold more colons', () => {
    expect(parseEmbedLinkState(link('variable=vTime:12:30:00')).variables).toEqual([['vTime', '12:30:00']]);
  });

  it('keeps an empty value after the colon as empty text', () => {
    expect(parseEmbedLinkState(link('variable=vText:')).variables).toEqual([['vText', '']]);
  });

  it('reads a plus as a space, as URLSearchParams in a browser does, and %2B as a plus', () => {
    expect(parseEmbedLinkState(link('variable=vText:a+b%2Bc')).variables).toEqual([['vText', 'a b+c']]);
  });

  it('decodes UTF-8 percent-encoding and a URL object as well as a string', () => {
    const url = new URL(LINK);
    url.search = `variable=${encodeURIComponent('vCity:Zürich & Genève')}`;
    expect(parseEmbedLinkState(url).variables).toEqual([['vCity', 'Zürich & Genève']]);
  });

  it('reads a bare path with a query, as the embed page receives it', () => {
    expect(parseEmbedLinkState('/embed/sales-overview?variable=vTop:3').variables).toEqual([['vTop', '3']]);
  });

  it('ignores parameters it does not know', () => {
    expect(parseEmbedLinkState(link('embed&hideInfo=true&variable=vTop:1'))).toEqual({ variables: [['vTop', '1']], queryFilters: [] });
  });

  it('refuses a variable without a colon, naming the parameter', () => {
    expect(() => parseEmbedLinkState(link('variable=vTop'))).toThrow(/^variable: "vTop" has no ":"/);
    expect(() => parseEmbedLinkState(link('variable'))).toThrow(/^variable: /);
  });

  it('refuses a variable with an empty name', () => {
    expect(() => parseEmbedLinkState(link('variable=:10'))).toThrow(/^variable: ":10" has an empty name/);
  });

  it('refuses malformed percent-encoding rather than passing it through as URLSearchParams would', () => {
    expect(() => parseEmbedLinkState(link('variable=vText:100%25%'))).toThrow(/^variable: malformed percent-encoding/);
    expect(() => parseEmbedLinkState(link('queryFilter=%E0%A4%A'))).toThrow(/^queryFilter: malformed percent-encoding/);
  });
});

describe('parseEmbedLinkState: query filters', () => {
  it("reads the help centre's example: two filters joined by and, quoted names with spaces", () => {
    const filter = "Default/Territory/'Sales Country' in ('Australia', 'Canada') and Default/'Product Category'/'Product Category' in ('Bikes')";
    expect(parseEmbedLinkState(link(`queryFilter=${encodeURIComponent(filter)}`)).queryFilters).toEqual([
      { model: 'Default', table: 'Territory', field: 'Sales Country', values: ['Australia', 'Canada'] },
      { model: 'Default', table: 'Product Category', field: 'Product Category', values: ['Bikes'] },
    ]);
  });

  it('reads a filter written with %20 for spaces, as a builder writes it, and one typed with raw spaces', () => {
    const expected = [{ model: 'Default', table: 'Territory', field: 'Sales Country', values: ['United Kingdom'] }];
    expect(parseEmbedLinkState(link("queryFilter=Default/Territory/'Sales%20Country'%20in%20('United%20Kingdom')")).queryFilters).toEqual(expected);
    expect(parseEmbedLinkState(link("queryFilter=Default/Territory/'Sales Country' in ('United Kingdom')")).queryFilters).toEqual(expected);
  });

  it('accepts a quoted name without spaces and a quoted name holding a slash', () => {
    const filter = "'Default'/'Dates/Times'/Year in ('2025')";
    expect(parseEmbedLinkState(link(`queryFilter=${encodeURIComponent(filter)}`)).queryFilters).toEqual([
      { model: 'Default', table: 'Dates/Times', field: 'Year', values: ['2025'] },
    ]);
  });

  it('keeps values verbatim: commas, parentheses, " and " and surrounding spaces inside the quotes', () => {
    const filter = "M/T/F in ('a, b', '(c)', ' x and y ', '')";
    expect(parseEmbedLinkState(link(`queryFilter=${encodeURIComponent(filter)}`)).queryFilters[0]!.values).toEqual(['a, b', '(c)', ' x and y ', '']);
  });

  const refusals: [what: string, filter: string, message: RegExp][] = [
    ['an unquoted value', 'M/T/F in (a)', /expected a value in single quotes at position 10/],
    ['a quote inside a value', "M/T/F in ('O'Brien')", /a quote inside a value is not supported/],
    ['an unclosed value', "M/T/F in ('a'", /expected ", " or "\)" after a value .* found the end/],
    ['an unclosed quoted name', "M/'T/F in (a)", /closing quote of the table name/],
    ['a name with a space left bare', "M/T/Sales Country in ('a')", /expected " in \(" at position 9/],
    ['an empty quoted name', "M/''/F in ('a')", /expected the table name between the quotes, not an empty one at position 4/],
    ['a missing field', "M/T in ('a')", /expected "\/" at position 3/],
    ['values separated without a space', "M/T/F in ('a','b')", /", " or "\)" after a value/],
    ['an empty value list', 'M/T/F in ()', /a value in single quotes/],
    ['filters joined by AND in capitals', "M/T/F in ('a') AND M/T/G in ('b')", /expected " and " or the end at position 14/],
    ['a trailing and', "M/T/F in ('a') and ", /expected the model name .* found the end/],
    ['an operator other than in', "M/T/F = ('a')", /expected " in \("/],
    ['an empty parameter', '', /expected the model name .* at position 0/],
  ];
  for (const [what, filter, message] of refusals) {
    it(`refuses ${what}, naming the parameter`, () => {
      expect(() => parseEmbedLinkState(link(`queryFilter=${encodeURIComponent(filter)}`))).toThrow(/^queryFilter: /);
      expect(() => parseEmbedLinkState(link(`queryFilter=${encodeURIComponent(filter)}`))).toThrow(message);
    });
  }

  it('refuses a second queryFilter parameter, which a front end reading URLSearchParams.get would not see', () => {
    expect(() => parseEmbedLinkState(link("queryFilter=M/T/F%20in%20('a')&queryFilter=M/T/G%20in%20('b')"))).toThrow(/^queryFilter: the link has a second queryFilter/);
  });

  it('reads variables and a query filter together', () => {
    expect(parseEmbedLinkState(link("variable=vTop:5&queryFilter=Default/Sales/Year%20in%20('2025')&variable=vOn:true"))).toEqual({
      variables: [
        ['vTop', '5'],
        ['vOn', 'true'],
      ],
      queryFilters: [{ model: 'Default', table: 'Sales', field: 'Year', values: ['2025'] }],
    });
  });
});
