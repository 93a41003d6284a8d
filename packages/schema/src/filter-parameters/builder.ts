/**
 * The builder for row-level filter parameters, so nobody hand-writes `[name].[type]`.
 *
 * @module
 */
import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';
import {
  describeFilterParameterProblem,
  FILTER_PARAMETER_TYPES,
  type FilterParameters,
  type FilterParameterType,
} from './filter-parameters.js';

// A registry symbol: a second copy of this package still recognises the brand, and JSON (an
// identity-provider claim, user metadata) can never produce a symbol key, so a parsed
// `{ type: 'undefined', value: null }` cannot pass for a typed parameter and clear the filter.
const TYPED = Symbol.for('oemkit.filterParameter');
const TYPES: readonly string[] = [...FILTER_PARAMETER_TYPES, 'undefined'];
const NAME_PROBLEM = 'a parameter name must be non-empty and must not contain [ or ]';
const ONE_VALUE =
  'pass one value per parameter: a string, number, boolean, Date, null, or a filterParameter.*() value';

/**
 * A parameter value with its type stated, made by {@link filterParameter}. Only values made there
 * count: a plain `{ type, value }` object (from JSON, say) is refused by {@link filterParameters}.
 *
 * @example
 * ```ts
 * import { filterParameter, filterParameters } from '@oemkit/schema';
 * const value = filterParameter.float(100); // a TypedFilterParameter: the type is said, not guessed
 * filterParameters({ myData: value }); // { '[myData].[float]': 100 }
 * ```
 */
export interface TypedFilterParameter {
  readonly [TYPED]: true;
  readonly type: FilterParameterType;
  readonly value: string | number | boolean | null;
}

/** Checks the argument at once, so a bad value fails where it was written, not in a later call. */
function typed(type: FilterParameterType, value: unknown, problem = describeFilterParameterProblem(type, value)) {
  if (problem) {
    throw new ValidationError(`filterParameter.${type === 'undefined' ? 'clear' : type}() argument`, [{ path: [], message: problem }]);
  }
  return Object.freeze({ [TYPED]: true, type, value }) as TypedFilterParameter;
}

/** A `Date` becomes a date or timestamp string; an invalid one is refused first, since `toISOString` throws a RangeError on it. */
function fromDate(type: 'date' | 'timestamp', value: unknown): TypedFilterParameter {
  if (!(value instanceof Date)) return typed(type, value);
  if (Number.isNaN(value.getTime())) return typed(type, value, `a ${type} parameter needs a valid Date; this one is Invalid Date`);
  const iso = value.toISOString();
  return typed(type, type === 'date' ? iso.slice(0, 10) : iso);
}

/**
 * States a parameter's type where inference would guess wrong (a float that happens to be whole,
 * a date), or clears a filter. Each builder checks its argument at once.
 *
 * @throws {@link @oemkit/schema/errors!ValidationError} when the argument does not fit the type (`int(1.5)`,
 *   `float(NaN)`, `date('2026-02-30')`, `date(new Date(NaN))`); the message names the builder,
 *   never the value.
 * @example
 * ```ts
 * import { filterParameter, filterParameters } from '@oemkit/schema';
 * filterParameters({
 *   myData: filterParameter.float(100), // "[myData].[float]": 100, not int
 *   since: filterParameter.date('2026-01-31'),
 *   region: filterParameter.clear(), // "[region].[undefined]": null
 * });
 * // { '[myData].[float]': 100, '[since].[date]': '2026-01-31', '[region].[undefined]': null }
 * ```
 */
export const filterParameter = {
  /** A finite number. */
  float: (value: number) => typed('float', value),
  /** A safe integer. */
  int: (value: number) => typed('int', value),
  string: (value: string) => typed('string', value),
  boolean: (value: boolean) => typed('boolean', value),
  /** `YYYY-MM-DD` (a real calendar day), or a `Date`, written as its UTC calendar day. */
  date: (value: string | Date) => fromDate('date', value),
  /** ISO 8601 (`2026-01-31T09:30:00Z`), or a `Date`. */
  timestamp: (value: string | Date) => fromDate('timestamp', value),
  /** Removes the filter: for admins or users who need no data reduction. */
  clear: () => typed('undefined', null),
} as const;

/**
 * What {@link filterParameters} accepts for each name.
 *
 * @example
 * ```ts
 * import { filterParameters, type FilterParameterInput } from '@oemkit/schema';
 * const fromClaims: Record<string, FilterParameterInput> = { org_id: 'ID8700089023', admin: false };
 * filterParameters(fromClaims); // { '[org_id].[string]': 'ID8700089023', '[admin].[boolean]': false }
 * ```
 */
export type FilterParameterInput = string | number | boolean | Date | null | TypedFilterParameter;

/**
 * Builds the wire `filterParameters` from plain names and values, so nobody hand-writes
 * `[name].[type]`. Types are inferred: a string is `string`, a boolean `boolean`, a whole number
 * `int`, any other number `float`, a `Date` a `timestamp`, and `null` clears the filter. State the
 * type with {@link filterParameter} where inference is not what the semantic layer expects.
 *
 * Only the input's own enumerable keys are read. A plain `{ type, value }` object is refused, not
 * trusted: it may come from parsed JSON, and `{ type: 'undefined', value: null }` would otherwise
 * clear the user's row-level filter. Only {@link filterParameter} makes typed values.
 *
 * @throws {@link @oemkit/schema/errors!ValidationError} when the input is not an object of names to values (`null`, a
 *   string, an array), a name is empty or contains `[` or `]`, a value is not one of
 *   {@link FilterParameterInput} (an array, a plain object, `undefined`), or a value does not fit
 *   its type. Each issue names its parameter, never its value; nothing partial is returned.
 * @example
 * ```ts
 * import { filterParameters } from '@oemkit/schema';
 * await astrato.setup({
 *   email: 'ana@example.com',
 *   groupNames: ['Viewers'],
 *   filterParameters: filterParameters({ org_id: 'ID8700089023', myData: 100.1 }),
 * });
 * // sends { "[org_id].[string]": "ID8700089023", "[myData].[float]": 100.1 }
 * ```
 * @example Values from parsed JSON (identity-provider claims, user metadata) are checked, not trusted.
 * ```ts
 * import { filterParameters } from '@oemkit/schema';
 * import { ValidationError } from '@oemkit/schema/errors';
 * const claims = JSON.parse('{ "org_id": { "type": "undefined", "value": null } }');
 * try {
 *   filterParameters({ org_id: claims.org_id }); // refused: it would have cleared the filter
 * } catch (error) {
 *   if (error instanceof ValidationError) console.log(error.issues[0]?.path); // ['org_id']
 * }
 * ```
 */
export function filterParameters(input: Record<string, FilterParameterInput>): FilterParameters {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || input instanceof Map || input instanceof Set) {
    const message = `pass an object of parameter names to values, e.g. { org_id: 'ID8700089023' }, not ${kindOf(input)}`;
    throw new ValidationError('filter parameters', [{ path: [], message }]);
  }
  const output: FilterParameters = {};
  const issues: ValidationIssue[] = [];
  for (const name of Object.keys(input)) {
    const result = name.length === 0 || /[[\]]/.test(name) ? { problem: NAME_PROBLEM } : toWire(input[name]);
    if ('problem' in result) issues.push({ path: [name], message: result.problem });
    else output[`[${name}].[${result.type}]`] = result.value;
  }
  if (issues.length > 0) throw new ValidationError('filter parameters', issues);
  return output;
}

type Inferred = { type: FilterParameterType; value: unknown } | { problem: string };
type WireValue = FilterParameters[keyof FilterParameters];

function toWire(raw: unknown): { type: FilterParameterType; value: WireValue } | { problem: string } {
  const inferred = inferType(raw);
  if ('problem' in inferred) return inferred;
  const problem = describeFilterParameterProblem(inferred.type, inferred.value);
  // No problem means the value fits its type, and every type's values are wire values.
  return problem ? { problem } : { type: inferred.type, value: inferred.value as WireValue };
}

function inferType(raw: unknown): Inferred {
  switch (typeof raw) {
    case 'string':
      return { type: 'string', value: raw };
    case 'boolean':
      return { type: 'boolean', value: raw };
    case 'number':
      return { type: Number.isInteger(raw) ? 'int' : 'float', value: raw };
    case 'object':
      if (raw === null) return { type: 'undefined', value: null };
      if (raw instanceof Date) {
        return Number.isNaN(raw.getTime())
          ? { problem: 'a timestamp parameter needs a valid Date; this one is Invalid Date' }
          : { type: 'timestamp', value: raw.toISOString() };
      }
      if (Object.getOwnPropertyDescriptor(raw, TYPED)?.value === true) {
        // Read once: a getter must not pass the check with one type and be sent with another.
        const { type, value } = raw as TypedFilterParameter;
        return TYPES.includes(type) ? { type, value } : { problem: `a typed parameter needs one of the types ${TYPES.join(', ')}: ${ONE_VALUE}` };
      }
  }
  if (raw === undefined) {
    return { problem: 'has no value (undefined): pass a string, number, boolean, Date or filterParameter.*() value, or null to clear the filter on purpose' };
  }
  const forged = typeof raw === 'object' && !Array.isArray(raw) ? ' (a { type, value } object counts only when filterParameter.*() made it)' : '';
  return { problem: `${kindOf(raw)} is not a parameter value${forged}: ${ONE_VALUE}` };
}

/** What kind of thing a value is, for messages that must not quote the value itself. */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Map) return 'a Map';
  if (value instanceof Set) return 'a Set';
  const type = typeof value;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
