/**
 * The one shape of a refused option, on the server and in the page.
 *
 * @module
 */
import { ValidationError } from '../errors/validation-error.js';

/**
 * @internal Shared by `@oemkit/server` and `@oemkit/browser`, not part of the public API. The
 * `ValidationError` for one bad option, `Invalid options: <option>: <problem>`: one call instead
 * of a subject, a path and an issue object at every check the page makes.
 */
export function optionError(option: string, problem: string): ValidationError {
  return new ValidationError('options', [{ path: [option], message: problem }]);
}
