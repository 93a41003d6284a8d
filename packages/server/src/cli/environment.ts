/**
 * The environment the commands read, and the clients made from it: every missing variable
 * named at once, and validation errors that name the variable rather than the option it fills.
 *
 * @module
 */
import { ValidationError, isOemkitError } from '@oemkit/schema/errors';
import { AstratoClient } from '../astrato/astrato-client.js';
import { DataBrainClient } from '../databrain/databrain-client.js';
import type { CliContext } from './cli-context.js';
import { UsageError } from './usage-error.js';

type Transport = { fetch?: typeof fetch };

/**
 * The values of `names` from the environment, or one usage error that lists every missing
 * variable together with the command's other `problems`, so one run shows all there is to fix.
 */
export function requireAll(env: CliContext['env'], names: readonly string[], problems: readonly string[] = []): string[] {
  const missing = names.filter((name) => !env[name]);
  const all = [...problems, ...(missing.length > 0 ? [`set ${missing.join(' and ')} in the environment`] : [])];
  if (all.length > 0) throw new UsageError(all.join('; '));
  return names.map((name) => env[name]!);
}

/** Makes a client, naming environment variables instead of the options they fill in its errors. */
function withEnvironmentNames<T>(make: () => T, names: Record<string, string>): T {
  try {
    return make();
  } catch (error) {
    if (!isOemkitError(error, 'VALIDATION_ERROR')) throw error;
    const issues = error.issues.map((issue) => ({ ...issue, path: issue.path.map((part) => names[part] ?? part) }));
    throw new ValidationError('environment', issues);
  }
}

/** An Astrato client from ASTRATO_URL, ASTRATO_CLIENT_ID and ASTRATO_CLIENT_SECRET. */
export function astratoClient(env: CliContext['env'], transport: Transport, problems: readonly string[] = []): AstratoClient {
  const [clientId, clientSecret] = requireAll(env, ['ASTRATO_CLIENT_ID', 'ASTRATO_CLIENT_SECRET'], problems);
  return withEnvironmentNames(
    () => new AstratoClient({ clientId: clientId!, clientSecret: clientSecret!, ...(env.ASTRATO_URL ? { baseUrl: env.ASTRATO_URL } : {}), ...transport }),
    { baseUrl: 'ASTRATO_URL', clientId: 'ASTRATO_CLIENT_ID', clientSecret: 'ASTRATO_CLIENT_SECRET' },
  );
}

/** A DataBrain client from DATABRAIN_URL and DATABRAIN_API_KEY. */
export function dataBrainClient(env: CliContext['env'], transport: Transport, problems: readonly string[] = []): DataBrainClient {
  const [apiKey] = requireAll(env, ['DATABRAIN_API_KEY'], problems);
  return withEnvironmentNames(
    () => new DataBrainClient({ apiKey: apiKey!, ...(env.DATABRAIN_URL ? { baseUrl: env.DATABRAIN_URL } : {}), ...transport }),
    { baseUrl: 'DATABRAIN_URL', apiKey: 'DATABRAIN_API_KEY' },
  );
}
