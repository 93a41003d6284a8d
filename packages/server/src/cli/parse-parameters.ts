/**
 * `--param` values of `oemkit ticket`: `org_id=ID87`, `seats:int=12`, `active:boolean=true`.
 *
 * @module
 */
import { filterParameter, filterParameters, type FilterParameterInput, type FilterParameters } from '@oemkit/schema';
import { isOemkitError, ValidationError } from '@oemkit/schema/errors';
import { UsageError } from './usage-error.js';

const PARAMETER = /^([^:=]+)(?::(float|string|int|boolean|date|timestamp))?=(.*)$/;

function typedParameter(name: string, type: string, value: string): FilterParameterInput {
  if (type === 'boolean') return value === 'true';
  try {
    return type === 'int' || type === 'float' ? filterParameter[type](Number(value)) : filterParameter[type as 'string' | 'date' | 'timestamp'](value);
  } catch (error) {
    // The builder names itself (`filterParameter.int() argument`); the user typed a parameter name.
    if (!isOemkitError(error, 'VALIDATION_ERROR')) throw error;
    throw new ValidationError('filter parameters', error.issues.map((issue) => ({ path: [name, ...issue.path], message: issue.message })));
  }
}

/** `org_id=ID87`, `seats:int=12`, `active:boolean=true`: typed by suffix, text by default. */
export function parseParameters(raw: readonly string[]): FilterParameters {
  const input: Record<string, FilterParameterInput> = {};
  for (const item of raw) {
    const match = PARAMETER.exec(item);
    if (!match) throw new UsageError(`--param ${JSON.stringify(item)} is not <name>[:<type>]=<value>`);
    const [, name, type = 'string', value] = match as unknown as [string, string, string | undefined, string];
    if (type === 'boolean' && value !== 'true' && value !== 'false') throw new UsageError(`--param ${name}:boolean takes true or false`);
    input[name] = typedParameter(name, type, value);
  }
  // Each value was checked by its builder above; this checks the names and the whole.
  return filterParameters(input);
}
