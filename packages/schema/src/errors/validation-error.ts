import { OemkitError } from './oemkit-error.js';

/**
 * One problem found in an input: where it is (`path`, e.g. `['groupIds', 0]`) and what is wrong.
 * The offending value itself is never copied in, since it may be a secret.
 *
 * @example
 * ```ts
 * import { ValidationError, type ValidationIssue } from '@oemkit/schema/errors';
 * function firstIssue(error: unknown): ValidationIssue | undefined {
 *   return error instanceof ValidationError ? error.issues[0] : undefined;
 * }
 * ```
 */
export interface ValidationIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * An input or option is invalid. Thrown before anything is sent, so nothing reached the vendor.
 * `code` is `'VALIDATION_ERROR'`.
 *
 * @example
 * ```ts
 * import { ValidationError } from '@oemkit/schema/errors';
 * try {
 *   await astrato.setup({ email: 'not-an-email' });
 * } catch (error) {
 *   if (error instanceof ValidationError) console.log(error.code, error.issues);
 *   // VALIDATION_ERROR [{ path: ['email'], message: 'must be an email address' }]
 * }
 * ```
 */
export class ValidationError extends OemkitError {
  static get code(): 'VALIDATION_ERROR' {
    return 'VALIDATION_ERROR';
  }
  declare readonly code: 'VALIDATION_ERROR';
  /** Every problem found, in input order. */
  declare readonly issues: readonly ValidationIssue[];

  constructor(subject: string, issues: readonly ValidationIssue[]) {
    super('VALIDATION_ERROR', `Invalid ${subject}: ${formatValidationIssues(issues)}`);
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/**
 * Writes issues the way every oemkit message does: `groupIds[0]: must not be empty; email: is
 * required`. The one formatter of issue paths, for `ValidationError` and for anything else that
 * reports issues (an unexpected vendor body, an emulator's refusal).
 *
 * @example
 * ```ts
 * import { formatValidationIssues } from '@oemkit/schema/internal';
 * formatValidationIssues([{ path: ['params', 'rlsSettings', 0, 'metricId'], message: 'must not be empty' }]);
 * // 'params.rlsSettings[0].metricId: must not be empty'
 * ```
 */
export function formatValidationIssues(issues: readonly ValidationIssue[]): string {
  return issues
    .map((issue) => (issue.path.length ? `${formatIssuePath(issue.path)}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * @internal A field's path as messages write it: `params.rlsSettings[0].metricId`.
 *
 * @example
 * ```ts
 * import { formatIssuePath } from '@oemkit/schema/internal';
 * formatIssuePath(['params', 'customerContext']); // 'params.customerContext'
 * ```
 */
export function formatIssuePath(path: readonly (string | number)[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index ? `.${part}` : part)).join('');
}
