/**
 * @module The builder for row-level filter parameters, so nobody hand-writes `[name].[type]`.
 */
import { ValidationError, type ValidationIssue } from './errors/validation-error.js';
import { describeFilterParameterProblem, type FilterParameters, type FilterParameterType } from './filter-parameters.js';

const TYPED = Symbol.for('oemkit.filterParameter');

/**
 * A parameter value with its type stated, made by {@link filterParameter}.
 *
 * @example
 * ```ts
 * import { filterParameter, type TypedFilterParameter } from '@oemkit/schema';
 * const value: TypedFilterParameter = filterParameter.float(100);
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
 * @throws {@link ValidationError} when the argument does not fit the type (`int(1.5)`,
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
 * import type { FilterParameterInput } from '@oemkit/schema';
 * const value: FilterParameterInput = 'ID8700089023';
 * ```
 */
export type FilterParameterInput = string | number | boolean | Date | null | TypedFilterParameter;

/**
 * Builds the wire `filterParameters` from plain names and values, so nobody hand-writes
 * `[name].[type]`. Types are inferred: a string is `string`, a boolean `boolean`, a whole number
 * `int`, any other number `float`, a `Date` a `timestamp`, and `null` clears the filter. State the
 * type with {@link filterParameter} where inference is not what the semantic layer expects.
 *
 * @throws {@link ValidationError} when a name is empty or contains `[` or `]`, or a value does not
 *   fit its type; nothing partial is returned.
 * @example
 * ```ts
 * import { filterParameters } from '@oemkit/schema';
 * await client.setup({
 *   email: 'ana@example.com',
 *   groupNames: ['Viewers'],
 *   filterParameters: filterParameters({ org_id: 'ID8700089023', myData: 100.1 }),
 * });
 * // sends { "[org_id].[string]": "ID8700089023", "[myData].[float]": 100.1 }
 * ```
 */
export function filterParameters(input: Record<string, FilterParameterInput>): FilterParameters {
  const output: FilterParameters = {};
  const issues: ValidationIssue[] = [];
  for (const [name, raw] of Object.entries(input)) {
    const { type, value } = inferType(raw);
    const problem =
      name.length === 0 || /[[\]]/.test(name)
        ? 'a parameter name must be non-empty and must not contain [ or ]'
        : describeFilterParameterProblem(type, value);
    if (problem) issues.push({ path: [name], message: problem });
    else output[`[${name}].[${type}]`] = value;
  }
  if (issues.length > 0) throw new ValidationError('filter parameters', issues);
  return output;
}

function inferType(raw: FilterParameterInput): { type: FilterParameterType; value: string | number | boolean | null } {
  if (raw === null) return { type: 'undefined', value: null };
  if (raw instanceof Date) {
    return { type: 'timestamp', value: Number.isNaN(raw.getTime()) ? 'Invalid Date' : raw.toISOString() };
  }
  if (typeof raw === 'object') return { type: raw.type, value: raw.value };
  if (typeof raw === 'number') return { type: Number.isInteger(raw) ? 'int' : 'float', value: raw };
  if (typeof raw === 'boolean') return { type: 'boolean', value: raw };
  return { type: 'string', value: raw };
}
