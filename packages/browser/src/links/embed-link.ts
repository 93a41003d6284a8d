/**
 * The initial state an embed link carries, applied by Astrato from the first render (help
 * centre, "Workbook chaining: sharing filters and variables"): `variable=<name>:<value>` once per
 * variable, and one `queryFilter=` whose value is `<model>/<table>/<field> in ('v1', 'v2')`, the
 * filters joined by ` and `. The one writer of that grammar in oemkit.
 *
 * The grammar has no escape: how a quote inside a value would be written is not documented, a `/`
 * separates model, table and field, the first `:` ends a variable's name, and a line break would
 * make another link. Whatever it cannot express is refused rather than guessed at.
 *
 * @module
 */
import { optionError, readUrl } from '@oemkit/schema/internal';
import { failing, valueText, type Fail, type FilterValue } from './filter-codec.js';

/**
 * Workbook variables to start with, by name. Numbers and booleans are written as `String()`
 * writes them, as Astrato's own example links show (`vTop:10`, `vIsMale:false`).
 *
 * @example
 * ```ts
 * import { buildEmbedUrl, type WorkbookVariables } from '@oemkit/browser';
 * const variables: WorkbookVariables = { vTop: 10, vIsMale: false };
 * buildEmbedUrl('https://app.astrato.io/embed/AbC123', { variables });
 * // 'https://app.astrato.io/embed/AbC123?variable=vTop%3A10&variable=vIsMale%3Afalse'
 * ```
 */
export type WorkbookVariables = Readonly<Record<string, FilterValue>>;

/**
 * One query filter of the embed link: the values one field of one table is reduced to.
 *
 * @example
 * ```ts
 * import { embedDashboard, type QueryFilter } from '@oemkit/browser';
 * const canada: QueryFilter = { table: 'Territory', field: 'Sales Country', values: ['Canada'] };
 * embedDashboard({ container: '#dashboard', embedUrl, ticketUrl: '/api/astrato-ticket', queryFilters: [canada] });
 * ```
 */
export interface QueryFilter {
  /** The data model. @default 'Default' */
  model?: string | undefined;
  table: string;
  field: string;
  /** At least one value; numbers and booleans are written as `String()` writes them. */
  values: readonly FilterValue[];
}

/**
 * What the dashboard shows from its first render, written into the embed link.
 */
export interface InitialState {
  /** Workbook variables, by name. @default {} */
  variables?: WorkbookVariables | undefined;
  /** Query filters, all applied together. @default [] */
  queryFilters?: readonly QueryFilter[] | undefined;
}

/**
 * Writes `state` into an embed link, for a host that makes its own iframe (`embedDashboard` takes
 * the same `variables` and `queryFilters` options). Each parameter is percent-encoded with
 * `encodeURIComponent` (a space is `%20`, never `+`; the URL parser then writes `'` as `%27`) and appended. The link's own parameters and
 * fragment are kept as written, with its state merged: a `queryFilter` already in it is joined to
 * `queryFilters` with ` and ` into the one parameter Astrato reads, and a `variable` that
 * `variables` names again is replaced. Filters are only ever added: one on a field the link already
 * filters narrows it further (both hold), so pass the link as Astrato gave it, not one built
 * before (`dashboard.iframe.src`), whose filters would be written twice. Don't put a user name or password in the link: Chromium
 * loads no iframe from a link with them (`embedDashboard` refuses it). Model, table
 * and field names with anything but letters, digits and `_` are written in single quotes, as
 * Astrato writes names with spaces; every value is quoted.
 *
 * @throws `ValidationError` when `embedUrl` is not an http(s) URL, is longer than 8,000 characters
 *   with the state written in (servers refuse such a request line), or carries a `queryFilter` or
 *   `variable` outside Astrato's grammar that the state would be merged into; `variables` is not a record or
 *   `queryFilters` not a list; `FilterError` (code `INVALID_FILTER`) naming the variable or filter
 *   (its position and field) that the grammar cannot express: an empty name, value or value list,
 *   a `'` anywhere, a `:` in a variable name, a `/` in a model, table or field name, a control
 *   character or line break, or a value that is not text, a finite number or a boolean.
 * @example
 * ```ts
 * import { buildEmbedUrl } from '@oemkit/browser';
 * buildEmbedUrl('https://app.astrato.io/embed/AbC123', {
 *   variables: { vTop: 10 },
 *   queryFilters: [{ table: 'Territory', field: 'Sales Country', values: ['Australia', 'Canada'] }],
 * });
 * // 'https://app.astrato.io/embed/AbC123?variable=vTop%3A10&queryFilter=Default%2FTerritory%2F%27Sales%20Country%27%20in%20(%27Australia%27%2C%20%27Canada%27)'
 * ```
 */
export function buildEmbedUrl(embedUrl: string, state?: InitialState): string {
  const url = readUrl(embedUrl, 'embedUrl');
  const { variables = {}, queryFilters = [] } = state ?? {};
  if (typeof variables !== 'object' || !variables || Array.isArray(variables)) throw optionError('variables', 'pass { name: value }');
  if (!Array.isArray(queryFilters)) throw optionError('queryFilters', 'pass [{ table, field, values }]');
  const variableNames = Object.keys(variables);
  const parameters = Object.entries(variables).map(([name, value], index) => {
    const fail: Fail = failing(name, index, 'variable: ');
    return `variable=${encodeURIComponent(`${named(name, 'the name', ':', fail)}:${written(value, fail)}`)}`;
  });
  // Spread, so a hole in a sparse list is an undefined to refuse, not a gap that join() would write.
  const queryFilter = [...queryFilters]
    .map((filter: Partial<QueryFilter> | null, index) => {
      const { model = 'Default', table, field, values } = filter ?? {};
      const fail: Fail = failing(field, index);
      const path = [model, table, field]
        .map((name, part) => named(name, `the ${['model', 'table', 'field'][part]} name`, '/', fail))
        // Quoted as Astrato quotes names with spaces; bare names stay as its examples write them.
        .map((name) => (/\W/.test(name) ? `'${name}'` : name))
        .join('/');
      if (!Array.isArray(values) || !values.length) fail('there are no values');
      return `${path} in (${[...values].map((value) => `'${written(value, fail)}'`).join(', ')})`;
    })
    .join(' and ');
  // The link's own state stays unless these options restate it: Astrato reads one queryFilter, so
  // the link's (an empty one is none) are joined to these with " and "; a variable named here
  // replaces the link's. Its other parameters stay exactly as written. URLSearchParams only reads:
  // it never throws, and decodes as a query parser would (+ is a space); writing with it would put
  // + back.
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((part) => {
      // After '&', so a part that starts with '?' keeps it in its key, as url.searchParams reads it.
      const [[key, value = ''] = []] = new URLSearchParams(`&${part}`);
      // State merged into must be read as Astrato reads it; anything else is refused, not joined to.
      // Each kind by itself: with variables and queryFilters both given, both are merged into.
      if ((key == 'variable' ? variableNames.length : key == 'queryFilter' && queryFilter) && value.trim() && !inGrammar(key, value)) {
        throw optionError('embedUrl', `its ${key} ${JSON.stringify(value)} is not in Astrato's grammar, so nothing can be merged into it`);
      }
      return part && !(key === 'variable' ? variableNames.includes(value.split(':')[0]!) : key === 'queryFilter' && queryFilter);
    });
  if (queryFilter) {
    const linkFilters = url.searchParams.getAll('queryFilter').filter((filter) => filter.trim());
    parameters.push(`queryFilter=${encodeURIComponent([...linkFilters, queryFilter].join(' and '))}`);
  }
  // The setter drops one leading '?': the one given here, not one the first part starts with.
  if (parameters.length) url.search = `?${[...kept, ...parameters].join('&')}`;
  if (url.href.length > EMBED_LINK_LIMIT) {
    throw optionError('embedUrl', `is ${url.href.length} characters with its initial state; at most ${EMBED_LINK_LIMIT} load (send large filters with setFilters)`);
  }
  return url.href;
}

/**
 * @internal The longest embed link, initial state included, that is written or loaded: servers
 * answer a longer request line with 431 (8 KiB is nginx's and many proxies' default), and a link of
 * megabytes loads nothing at all, not even an error. Large filter lists go by `setFilters`.
 */
export const EMBED_LINK_LIMIT = 8000;

/**
 * Astrato's documented grammar (the help centre's embed-link parameters), as parseEmbedLinkState
 * in @oemkit/server/testing reads it: `name:value`; `model/table/field in ('v1', 'v2')` joined by
 * ` and `, each name bare (no space, '/' or quote) or in single quotes. Built when a link's state
 * is merged into, so a page that never merges pays nothing at load.
 */
const inGrammar = (key: string | undefined, value: string) => {
  const name = "('[^']+'|[^\\s/']+)";
  const filter = `${name}/${name}/${name} in \\('[^']*'(, '[^']*')*\\)`;
  return RegExp(key == 'variable' ? '^[^:]+:' : `^${filter}( and ${filter})*$`).test(value);
};

/** A name: not empty, then checked as any text, with `separator` refused too. */
function named(name: unknown, what: string, separator: string, fail: Fail): string {
  if (typeof name !== 'string' || !name.trim()) fail(`${what} is empty or not text`);
  return checked(name, what, fail, separator);
}

/** A value, written as text. */
const written = (value: unknown, fail: Fail) => checked(valueText(value, fail), 'a value', fail, '');

/**
 * Refuses what no text of the link may hold: `'` (no escape is documented), `separator`, control
 * characters and line breaks (the link would be another one), lone surrogates (which
 * encodeURIComponent cannot encode). The character is named, escaped as JSON.
 */
function checked(text: string, what: string, fail: Fail, separator: string): string {
  const found = RegExp(`['${separator}\\p{Cc}\\p{Cs}\\u2028\\u2029]`, 'u').exec(text);
  if (found) fail(`${what} contains ${JSON.stringify(found[0])}, which the embed link cannot express`);
  return text;
}
