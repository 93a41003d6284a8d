import type * as z from 'zod/mini';
import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';

type RawIssue = z.core.$ZodIssue & { input?: unknown };

/**
 * Parses a value with one of oemkit's schemas (or any zod schema) and throws a
 * {@link ValidationError} with readable, value-free messages when it does not fit.
 *
 * @param subject - What is being checked, for the message: `'setup input'`, `'client options'`.
 * @example
 * ```ts
 * import { setupRequestSchema } from '@oemkit/schema';
import { validate } from '@oemkit/schema/internal';
 * const body = validate(setupRequestSchema, { email: 'ana@example.com', groupNames: ['Viewers'] }, 'setup input');
 * ```
 */
export function validate<S extends z.core.$ZodType>(schema: S, value: unknown, subject: string): z.output<S> {
  const result = (schema as unknown as z.ZodMiniType).safeParse(value, { reportInput: true });
  if (result.success) return result.data as z.output<S>;
  throw new ValidationError(subject, toValidationIssues(result.error.issues as RawIssue[]));
}

/**
 * Turns zod issues into oemkit's {@link ValidationIssue}s: an English message per issue (zod/mini
 * ships none) and never the offending value.
 *
 * @example
 * ```ts
 * import * as z from 'zod/mini';
 * import { toValidationIssues } from '@oemkit/schema/internal';
 * const result = z.object({ email: z.email() }).safeParse({ email: 'x' }, { reportInput: true });
 * if (!result.success) console.log(toValidationIssues(result.error.issues)); // [{ path: ['email'], message: 'must be an email address' }]
 * ```
 */
export function toValidationIssues(issues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  return issues.map((issue) => ({
    path: issue.path.filter((part): part is string | number => typeof part !== 'symbol'),
    message: describeIssue(issue as RawIssue),
  }));
}

const FORMAT_NAMES: Record<string, string> = {
  email: 'an email address',
  date: 'a date as YYYY-MM-DD',
  datetime: 'an ISO 8601 timestamp such as 2026-01-31T09:30:00Z',
  url: 'a URL',
  uuid: 'a UUID',
};

function describeIssue(issue: RawIssue): string {
  // Schemas that carry their own message (custom checks, `{ error }` params) keep it.
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return 'input' in issue && issue.input === undefined ? 'is required' : `must be ${article(issue.expected)}`;
    case 'invalid_format':
      return `must be ${FORMAT_NAMES[issue.format] ?? `in ${issue.format} format`}`;
    case 'too_small':
      return issue.origin === 'array' || issue.origin === 'string'
        ? Number(issue.minimum) === 1
          ? 'must not be empty'
          : `must have at least ${issue.minimum} ${issue.origin === 'array' ? 'items' : 'characters'}`
        : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `must have at most ${issue.maximum} ${issue.origin === 'array' ? 'items' : 'characters'}`
        : `must be at most ${issue.maximum}`;
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_union':
      return 'does not match any accepted form';
    default:
      return 'is invalid';
  }
}

function article(expected: string): string {
  if (expected === 'int') return 'an integer';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
