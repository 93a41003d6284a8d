/**
 * Row-level filter parameters for `/oem/setup`: the `[name].[type]` key grammar and its
 * validation. The builder that writes them is in filter-parameter-builder.ts.
 *
 * @module
 */
import * as z from 'zod/mini';

/**
 * The value types Astrato accepts in a filter parameter key, `[name].[type]`.
 *
 * @example
 * ```ts
 * import { FILTER_PARAMETER_TYPES } from '@oemkit/schema';
 * console.log(FILTER_PARAMETER_TYPES); // ['float', 'string', 'int', 'boolean', 'date', 'timestamp']
 * ```
 */
export const FILTER_PARAMETER_TYPES = ['float', 'string', 'int', 'boolean', 'date', 'timestamp'] as const;

/**
 * One of {@link FILTER_PARAMETER_TYPES}, or `'undefined'`, which removes the filter (value `null`).
 *
 * @example
 * ```ts
 * import { FILTER_PARAMETER_TYPES, type FilterParameterType } from '@oemkit/schema';
 * const isType = (word: string): word is FilterParameterType => (FILTER_PARAMETER_TYPES as readonly string[]).includes(word);
 * isType('date'); // true
 * ```
 */
export type FilterParameterType = (typeof FILTER_PARAMETER_TYPES)[number] | 'undefined';

/**
 * A wire key such as `[org_id].[string]`.
 *
 * @example
 * ```ts
 * import { filterParameters, type FilterParameterKey } from '@oemkit/schema';
 * const keys = Object.keys(filterParameters({ org_id: 'ID87' })) as FilterParameterKey[];
 * keys; // ['[org_id].[string]']
 * ```
 */
export type FilterParameterKey = `[${string}].[${FilterParameterType}]`;

/**
 * `filterParameters` as sent to `/oem/setup`: `{ "[org_id].[string]": "ID87", "[region].[undefined]": null }`.
 *
 * @example
 * ```ts
 * import { filterParameters, type FilterParameters } from '@oemkit/schema';
 * const parameters: FilterParameters = filterParameters({ org_id: 'ID8700089023', myData: 100.1 });
 * await astrato.setup({ email: 'ana@example.com', groupNames: ['Viewers'], filterParameters: parameters });
 * ```
 */
export type FilterParameters = { [key: FilterParameterKey]: string | number | boolean | null };

// Built from the one list of types, so a type added there is accepted here too.
const KEY_PATTERN = new RegExp(`^\\[([^[\\]]+)\\]\\.\\[(${[...FILTER_PARAMETER_TYPES, 'undefined'].join('|')})\\]$`);
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP_PATTERN = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$/;

/**
 * Splits a wire key into its name and type, or returns `undefined` when it does not follow the
 * `[name].[type]` grammar: `'[org_id].[string]'` gives `{ name: 'org_id', type: 'string' }`.
 */
export function parseFilterParameterKey(key: string): { name: string; type: FilterParameterType } | undefined {
  const match = KEY_PATTERN.exec(key);
  return match ? { name: match[1]!, type: match[2] as FilterParameterType } : undefined;
}

/**
 * Says what is wrong with a value for a parameter type, or returns `undefined` when it fits: a
 * float is a finite number, an int a safe integer, a date a real calendar date as `YYYY-MM-DD`, a
 * timestamp ISO 8601 (`2026-01-31T09:30:00Z`), and `undefined` takes only `null`: `('int', 1.5)`
 * gives `'an int parameter needs an integer'`.
 */
export function describeFilterParameterProblem(type: FilterParameterType, value: unknown): string | undefined {
  switch (type) {
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'a float parameter needs a finite number';
    case 'int':
      return Number.isSafeInteger(value) ? undefined : 'an int parameter needs an integer';
    case 'string':
      return typeof value === 'string' ? undefined : 'a string parameter needs a string';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'a boolean parameter needs true or false';
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? undefined : 'a date parameter needs YYYY-MM-DD';
    case 'timestamp':
      return typeof value === 'string' && isTimestamp(value)
        ? undefined
        : 'a timestamp parameter needs ISO 8601, e.g. 2026-01-31T09:30:00Z';
    case 'undefined':
      return value === null ? undefined : 'an undefined parameter (which removes the filter) needs null';
  }
}

function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isTimestamp(value: string): boolean {
  const match = TIMESTAMP_PATTERN.exec(value);
  return match !== null && isCalendarDate(match[1]!) && !Number.isNaN(Date.parse(value));
}

/**
 * Validates a whole `filterParameters` object as sent on the wire: every key follows the grammar
 * and every value fits its type.
 *
 * @example
 * ```ts
 * import { filterParametersSchema } from '@oemkit/schema';
 * filterParametersSchema.parse({ '[org_id].[string]': 'ID87', '[region].[undefined]': null });
 * filterParametersSchema.safeParse({ '[org_id].[int]': 'ID87' }).success; // false
 * ```
 */
export const filterParametersSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .check(
    z.superRefine((record, context) => {
      for (const [key, value] of Object.entries(record)) {
        const parsed = parseFilterParameterKey(key);
        const message = parsed
          ? describeFilterParameterProblem(parsed.type, value)
          : `${JSON.stringify(key)} is not a filter parameter key: use [name].[type] with type one of ${FILTER_PARAMETER_TYPES.join(', ')} or undefined (or the filterParameters() builder)`;
        if (message) context.issues.push({ code: 'custom', message, input: value, path: [key] });
      }
    }),
  ) as unknown as z.ZodMiniType<FilterParameters>;
