/**
 * The initial state an Astrato embed link carries in its query: `variable=<name>:<value>`
 * and `queryFilter=<model>/<table>/<field> in ('v1', 'v2') and ...`, read by the grammar of
 * Astrato's help centre ("Workbook chaining: sharing filters and variables"), written here
 * independently of any builder so a test can hold a builder to it. It is a test tool: anything
 * outside the documented grammar throws rather than being guessed at.
 *
 * @module
 */

/**
 * One query filter of an embed link: the values one field of one table of one model is reduced to.
 *
 * @example
 * ```ts
 * import { buildEmbedUrl } from '@oemkit/browser';
 * import { parseEmbedLinkState, type EmbedLinkQueryFilter } from '@oemkit/server/testing';
 * const link = buildEmbedUrl('https://app.astrato.io/embed/abc', { queryFilters: [{ table: 'Territory', field: 'Sales Country', values: ['Canada'] }] });
 * const [first]: EmbedLinkQueryFilter[] = parseEmbedLinkState(link).queryFilters;
 * first; // { model: 'Default', table: 'Territory', field: 'Sales Country', values: ['Canada'] }
 * ```
 */
export interface EmbedLinkQueryFilter {
  model: string;
  table: string;
  field: string;
  values: string[];
}

/**
 * The initial state an embed link carries, in the order its parameters give it.
 *
 * @example
 * ```ts
 * import { parseEmbedLinkState, type EmbedLinkState } from '@oemkit/server/testing';
 * const state: EmbedLinkState = parseEmbedLinkState('https://app.astrato.io/embed/abc?variable=vTop:10');
 * state; // { variables: [['vTop', '10']], queryFilters: [] }
 * ```
 */
export interface EmbedLinkState {
  /** Every `variable` parameter as `[name, value]`; the value is the text after the first `:`. */
  variables: [name: string, value: string][];
  /** Every filter of the `queryFilter` parameter, in the order the ` and ` clauses give them. */
  queryFilters: EmbedLinkQueryFilter[];
}

// Any base will do: it only lets a bare path or query ("/embed/x?variable=a:1") parse as a URL.
const RELATIVE_BASE = 'http://embed-link.invalid/';

/**
 * Reads the `variable` and `queryFilter` parameters of an Astrato embed link; other parameters are
 * ignored. Each parameter is decoded as a browser front end reads its query (`URLSearchParams`,
 * as do the `qs` and `query-string` libraries): `+` is a space and `%XX` is UTF-8. A literal plus
 * must therefore be written `%2B`, as `encodeURIComponent` does. Unlike `URLSearchParams`, a
 * malformed `%` sequence throws instead of passing through.
 *
 * Throws an `Error` whose message starts with the parameter's name when a parameter is outside the
 * grammar: a variable with no `:` or an empty name; a filter whose names or values are not written
 * as documented (a bare name has no space, `/` or `'`; a name with those is quoted; every value is
 * quoted, the values are separated by `, `, the filters by ` and `); a quote inside a value (how
 * Astrato escapes one is not documented); or a second `queryFilter` parameter (the documented form
 * joins every filter in one, and a front end reading `URLSearchParams.get` would see only the first).
 *
 * @example
 * ```ts
 * import { parseEmbedLinkState } from '@oemkit/server/testing';
 *
 * const state = parseEmbedLinkState(
 *   "https://app.astrato.io/embed/abc?variable=vTop:10&queryFilter=Default/Territory/'Sales%20Country'%20in%20('Australia',%20'Canada')",
 * );
 * state.variables; // [['vTop', '10']]
 * state.queryFilters; // [{ model: 'Default', table: 'Territory', field: 'Sales Country', values: ['Australia', 'Canada'] }]
 * ```
 */
export function parseEmbedLinkState(url: string | URL): EmbedLinkState {
  const query = new URL(url, RELATIVE_BASE).search.slice(1);
  const state: EmbedLinkState = { variables: [], queryFilters: [] };
  let sawQueryFilter = false;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const rawName = equals === -1 ? pair : pair.slice(0, equals);
    const rawValue = equals === -1 ? '' : pair.slice(equals + 1);
    const name = decodeParameterPart(rawName, rawName);
    if (name === 'variable') {
      state.variables.push(parseVariable(decodeParameterPart(rawValue, name)));
    } else if (name === 'queryFilter') {
      if (sawQueryFilter) {
        throw new Error('queryFilter: the link has a second queryFilter parameter; the documented form joins every filter in one, with " and "');
      }
      sawQueryFilter = true;
      state.queryFilters.push(...parseQueryFilter(decodeParameterPart(rawValue, name)));
    }
  }
  return state;
}

function decodeParameterPart(raw: string, parameter: string): string {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    throw new Error(`${parameter}: malformed percent-encoding in ${JSON.stringify(raw)}`);
  }
}

function parseVariable(text: string): [string, string] {
  const colon = text.indexOf(':');
  if (colon === -1) throw new Error(`variable: ${JSON.stringify(text)} has no ":" between the name and the value`);
  if (colon === 0) throw new Error(`variable: ${JSON.stringify(text)} has an empty name`);
  return [text.slice(0, colon), text.slice(colon + 1)];
}

/** A cursor over one `queryFilter` value; every mismatch throws with the position and the text. */
class FilterReader {
  position = 0;
  constructor(readonly text: string) {}

  fail(expected: string): never {
    const found = this.position >= this.text.length ? 'the end' : JSON.stringify(this.text.slice(this.position, this.position + 12));
    throw new Error(`queryFilter: expected ${expected} at position ${this.position} of ${JSON.stringify(this.text)}, found ${found}`);
  }

  take(literal: string): boolean {
    if (!this.text.startsWith(literal, this.position)) return false;
    this.position += literal.length;
    return true;
  }

  expect(literal: string, what = JSON.stringify(literal)): void {
    if (!this.take(literal)) this.fail(what);
  }

  /** A quoted text: everything up to the next `'`, which closes it. */
  quoted(what: string): string {
    this.expect("'", `${what} in single quotes`);
    const end = this.text.indexOf("'", this.position);
    if (end === -1) this.fail(`the closing quote of ${what}`);
    const content = this.text.slice(this.position, end);
    this.position = end + 1;
    return content;
  }

  /** A model, table or field name: quoted, or bare (no space, `/` or `'`). */
  name(what: string): string {
    if (this.text[this.position] === "'") {
      const quoted = this.quoted(what);
      if (quoted === '') this.fail(`${what} between the quotes, not an empty one`);
      return quoted;
    }
    const bare = BARE_NAME.exec(this.text.slice(this.position))?.[0];
    if (bare === undefined) this.fail(`${what} (bare without space, "/" or "'", or in single quotes)`);
    this.position += bare.length;
    return bare;
  }
}

/** A name the grammar writes without quotes: no space, `/` or `'`. */
const BARE_NAME = /^[^\s/']+/;

/**
 * @internal One query filter as the grammar writes it, e.g. `Default/Territory/'Sales Country' in
 * ('Australia')`: the emulator's panel shows what it read in the form it reads, by the same rule.
 */
export function formatQueryFilter({ model, table, field, values }: EmbedLinkQueryFilter): string {
  const name = (text: string) => (BARE_NAME.exec(text)?.[0] === text ? text : `'${text}'`);
  return `${[model, table, field].map(name).join('/')} in (${values.map((value) => `'${value}'`).join(', ')})`;
}

function parseQueryFilter(text: string): EmbedLinkQueryFilter[] {
  const reader = new FilterReader(text);
  const filters: EmbedLinkQueryFilter[] = [];
  do {
    const model = reader.name('the model name');
    reader.expect('/');
    const table = reader.name('the table name');
    reader.expect('/');
    const field = reader.name('the field name');
    reader.expect(' in (');
    const values = [reader.quoted('a value')];
    // Anything but ", " or ")" after a closing quote is most likely a quote inside the value,
    // whose escaping Astrato does not document: say so rather than guess.
    while (!reader.take(')')) {
      if (!reader.take(', ')) reader.fail('", " or ")" after a value (a quote inside a value is not supported: its escaping is undocumented)');
      values.push(reader.quoted('a value'));
    }
    filters.push({ model, table, field, values });
  } while (reader.take(' and '));
  if (reader.position !== text.length) reader.fail('" and " or the end');
  return filters;
}
