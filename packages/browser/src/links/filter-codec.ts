/**
 * The DYNAMIC FILTERING payload: `Field|v1,v2;Other Field|v3;`.
 *
 * Astrato's action splits the payload on `;`, each instruction on `|` and the values on `,`, and
 * trims nothing. So a `;`, `|` or `,` inside a field or value, or white space around a field name,
 * would silently apply a different filter. The encoder refuses those instead.
 *
 * @module
 */
import { FilterError, ValidationError } from '@oemkit/schema/errors';

/**
 * One dynamic filter: a qualified field name (`Product Dim.Hierarchy Lvl2 Name`) and its values.
 *
 * @example
 * ```ts
 * import { decodeFilters, type Filter } from '@oemkit/browser';
 * const [year]: Filter[] = decodeFilters('Date Dim.Year|2025,2026;');
 * year?.values; // ['2025', '2026']
 * ```
 */
export interface Filter {
  field: string;
  values: string[];
}

/**
 * One filter value as the host may give it. Astrato reads every value as text, so a number is
 * written as `String()` writes it (`2026`, `0.5`) and a boolean as `true` or `false`; `NaN` and
 * `Infinity` are refused.
 *
 * @example
 * ```ts
 * import { encodeFilters, type FilterValue } from '@oemkit/browser';
 * const years: FilterValue[] = [2025, 2026];
 * encodeFilters({ 'Date Dim.Year': years }); // 'Date Dim.Year|2025,2026;'
 * ```
 */
export type FilterValue = string | number | boolean;

/**
 * Filters as a list, or as a record of field to one value or several.
 *
 * @example
 * ```ts
 * import { encodeFilters, type FilterInput } from '@oemkit/browser';
 * const asRecord: FilterInput = { 'Product Dim.Hierarchy Lvl2 Name': ['Fresh', 'Frozen'], 'Date Dim.Year': 2026 };
 * const asList: FilterInput = [{ field: 'Date Dim.Year', values: ['2026'] }];
 * encodeFilters(asList) === encodeFilters({ 'Date Dim.Year': '2026' }); // true
 * ```
 */
export type FilterInput =
  | readonly { readonly field: string; readonly values: readonly FilterValue[] }[]
  | Readonly<Record<string, FilterValue | readonly FilterValue[]>>;

const SEPARATORS = /[;|,]/;

/**
 * Encodes filters into the canonical payload Astrato's action parses: no spaces or line breaks
 * are added, and every instruction ends with `;`.
 *
 * Values may be numbers and booleans, written as text (see {@link FilterValue}).
 *
 * @throws `ValidationError` when `filters` is neither a list nor a record (`null`, a string, ...);
 *   `FilterError` (code `INVALID_FILTER`) naming the first filter whose field or values
 *   contain `;`, `|` or `,`, whose field is empty or has white space at either end, or whose
 *   value list (or a value) is empty, or whose value is not text, a finite number or a boolean.
 * @example
 * ```ts
 * import { encodeFilters } from '@oemkit/browser';
 * encodeFilters({ 'Product Dim.Hierarchy Lvl2 Name': ['Fresh', 'Frozen'], 'Date Dim.Year': 2026 });
 * // 'Product Dim.Hierarchy Lvl2 Name|Fresh,Frozen;Date Dim.Year|2026;'
 * ```
 */
export function encodeFilters(filters: FilterInput): string {
  // Object.entries would throw a TypeError on null and split a string into one filter per character.
  if (!filters || typeof filters !== 'object') {
    throw new ValidationError('filters', [{ path: [], message: 'pass [{ field, values }] or { field: values }' }]);
  }
  const list: [unknown, unknown][] = Array.isArray(filters)
    ? (filters as readonly (Filter | null)[]).map((filter) => [filter?.field, filter?.values])
    : Object.entries(filters);
  return list.map(encodeOne).join('');
}

function encodeOne([field, values]: [unknown, unknown], index: number): string {
  const fail: Fail = failing(field, index);
  if (typeof field !== 'string' || !field) fail('the field name is empty');
  if (field.trim() !== field) fail('the field name starts or ends with white space, which Astrato would keep');
  if (SEPARATORS.test(field)) fail('the field name contains ; | or , which Astrato splits on');
  // One value or a list of them.
  const texts = [values].flat().map((value: unknown) => {
    const text = valueText(value, fail);
    if (SEPARATORS.test(text)) fail(`the value ${JSON.stringify(text)} contains ; | or , which Astrato splits on`);
    return text;
  });
  if (!texts.length) fail('there are no values');
  return `${field}|${texts.join(',')};`;
}

/** @internal Reports why a filter (or an embed-link variable) cannot be written. */
export type Fail = (reason: string) => never;

/**
 * @internal The one way a filter of either kind is refused: a `FilterError` naming the field and
 * its position, `kind` before the reason. Not String(field): an object without a prototype has no
 * string form, and a TypeError is no refusal.
 */
export const failing =
  (field: unknown, index: number, kind = ''): Fail =>
  (reason) => {
    throw new FilterError(typeof field == 'string' ? field : typeof field, index, kind + reason);
  };

/**
 * @internal Writes one filter value as Astrato reads it (see {@link FilterValue}), or reports
 * through `fail` why it cannot: the DYNAMIC FILTERING payload and the embed link share this rule.
 */
export function valueText(value: unknown, fail: Fail): string {
  // A finite number or a boolean (the one value equal to its own double negation) is written as
  // String() writes it; anything else but text has no written form.
  const text = Number.isFinite(value) || value === !!value ? `${value}` : value;
  if (typeof text !== 'string') fail('a value is not text, a finite number or a boolean');
  if (!text) fail('a value is empty');
  return text;
}

/**
 * Decodes a payload back into filters: the exact inverse of {@link encodeFilters} on everything it
 * produces. It also accepts what Astrato's documented examples show: instructions on separate lines and a
 * missing final `;`.
 *
 * @throws `FilterError` for an instruction without exactly one `|`, an empty field or no values.
 * @example
 * ```ts
 * import { decodeFilters } from '@oemkit/browser';
 * decodeFilters('Region Dim.Country Name|United Kingdom;\nDate Dim.Year|2026;');
 * // [{ field: 'Region Dim.Country Name', values: ['United Kingdom'] }, { field: 'Date Dim.Year', values: ['2026'] }]
 * ```
 */
export function decodeFilters(payload: string): Filter[] {
  const filters: Filter[] = [];
  for (const instruction of String(payload).split(';')) {
    // White space between instructions (Astrato's examples put each on its own line) belongs to nobody.
    if (!instruction.trim()) continue;
    const parts = instruction.split('|');
    const field = parts[0]!.trim();
    const fail = failing(field, filters.length);
    if (parts.length !== 2) fail('an instruction needs exactly one |');
    if (!field) fail('the field name is empty');
    const values = parts[1]!.split(',');
    if (values.some((value) => !value)) fail('a value is empty');
    filters.push({ field, values });
  }
  return filters;
}
