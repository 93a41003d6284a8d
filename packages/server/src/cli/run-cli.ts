/**
 * @module The `oemkit` command line: check credentials and mint a ticket or guest token in seconds.
 */
import { parseArgs } from 'node:util';
// The decode-only entry: the whole of jose costs ~30 ms more to import, for code we never call here.
import { decodeJwt } from 'jose/jwt/decode';
import { filterParameter, filterParameters, isOemkitError, ValidationError, type FilterParameterInput } from '@oemkit/schema';
import { AstratoClient } from '../astrato-client.js';
import { DataBrainClient } from '../databrain-client.js';

/**
 * Where the CLI reads and writes, so it can run in-process in tests.
 *
 * @example
 * ```ts
 * import { runCli, type CliContext } from '@oemkit/server/cli';
 * const context: CliContext = { env: process.env, stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };
 * process.exitCode = await runCli(['token', '--json'], context);
 * ```
 */
export interface CliContext {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** A fetch for the clients (tests, proxies). @default globalThis.fetch */
  fetch?: typeof fetch;
}

const USAGE = `Usage: oemkit <command> [options]

Commands
  token                      check Astrato credentials (prints the token's expiry, never the token)
  ticket --email <email>     mint a single-use Astrato session ticket (valid 60 s)
         [--name <name>] [--group <name>]... [--group-id <id>]... [--param <name>[:<type>]=<value>]...
  databrain-token --client-id <id> (--data-app <name> | --workspace <name>) [--expiry <ms>]
                             mint a DataBrain guest token (v2 with --data-app, v1 with --workspace)

Options
  --json                     machine-readable output (errors too)
  --help                     this text

Environment
  ASTRATO_URL (default https://app.astrato.io), ASTRATO_CLIENT_ID, ASTRATO_CLIENT_SECRET
  DATABRAIN_URL (default https://api.usedatabrain.com), DATABRAIN_API_KEY
`;

class UsageError extends Error {}

/**
 * Runs one `oemkit` command and returns the exit code: 0 success, 1 a failed call, 2 a usage
 * error. Nothing it prints contains a secret: not the client secret, the API key or the m2m token.
 *
 * @example
 * ```ts
 * import { runCli } from '@oemkit/server/cli';
 * const code = await runCli(['ticket', '--email', 'ana@example.com', '--group', 'Viewers'], {
 *   env: process.env,
 *   stdout: (text) => process.stdout.write(text),
 *   stderr: (text) => process.stderr.write(text),
 * });
 * ```
 */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const json = argv.includes('--json');
  const out = (human: string, data: unknown) => context.stdout(json ? `${JSON.stringify(data)}\n` : `${human}\n`);
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        help: { type: 'boolean' },
        email: { type: 'string' },
        name: { type: 'string' },
        group: { type: 'string', multiple: true },
        'group-id': { type: 'string', multiple: true },
        param: { type: 'string', multiple: true },
        'client-id': { type: 'string' },
        'data-app': { type: 'string' },
        workspace: { type: 'string' },
        expiry: { type: 'string' },
      },
    });
    const [command, ...extra] = positionals;
    if (values.help || command === undefined || command === 'help') {
      context.stdout(USAGE);
      return command === undefined && !values.help ? 2 : 0;
    }
    if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
    const transport = context.fetch ? { fetch: context.fetch } : {};
    if (command === 'token') {
      const client = astratoClient(context.env, transport);
      const token = await client.getAccessToken();
      const expiresAt = jwtExpiry(token);
      out(
        `Astrato credentials work for ${client.baseUrl}.${expiresAt ? ` The token is valid until ${expiresAt.toISOString()}.` : ''}`,
        { ok: true, baseUrl: client.baseUrl, expiresAt: expiresAt?.toISOString() ?? null },
      );
      return 0;
    }
    if (command === 'ticket') {
      if (!values.email) throw new UsageError('ticket needs --email');
      const client = astratoClient(context.env, transport);
      const { ticket, expiresAt } = await client.setup({
        email: values.email,
        ...(values.name ? { name: values.name } : {}),
        ...(values.group ? { groupNames: values.group } : {}),
        ...(values['group-id'] ? { groupIds: values['group-id'] } : {}),
        ...(values.param ? { filterParameters: parseParameters(values.param) } : {}),
      });
      out(`${ticket}\n(single use, redeem before ${expiresAt.toISOString()})`, { ticket, expiresAt: expiresAt.toISOString() });
      return 0;
    }
    if (command === 'databrain-token') {
      const clientId = values['client-id'];
      if (!clientId) throw new UsageError('databrain-token needs --client-id');
      if (Boolean(values['data-app']) === Boolean(values.workspace)) throw new UsageError('databrain-token needs exactly one of --data-app (v2) or --workspace (v1)');
      const apiKey = required(context.env, 'DATABRAIN_API_KEY');
      const expiryTime = values.expiry === undefined ? {} : { expiryTime: Number(values.expiry) };
      const baseUrl = context.env.DATABRAIN_URL ? { baseUrl: context.env.DATABRAIN_URL } : {};
      const { token } = values.workspace
        ? await new DataBrainClient({ apiKey, apiVersion: 'v1', ...baseUrl, ...transport }).createGuestToken({ clientId, workspaceName: values.workspace, ...expiryTime })
        : await new DataBrainClient({ apiKey, ...baseUrl, ...transport }).createGuestToken({ clientId, dataAppName: values['data-app']!, ...expiryTime });
      out(token, { token });
      return 0;
    }
    throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  } catch (error) {
    const usage = error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
    const code = usage ? 'USAGE' : isOemkitError(error) ? error.code : 'UNEXPECTED';
    const message = error instanceof Error ? error.message : String(error);
    if (json) context.stdout(`${JSON.stringify({ error: { code, message } })}\n`);
    else context.stderr(`oemkit: ${message}${usage ? '\nRun oemkit --help for usage.' : ''}\n`);
    return usage ? 2 : 1;
  }
}

function required(env: CliContext['env'], name: string): string {
  const value = env[name];
  if (!value) throw new UsageError(`set ${name} in the environment`);
  return value;
}

function astratoClient(env: CliContext['env'], transport: { fetch?: typeof fetch }): AstratoClient {
  return new AstratoClient({
    clientId: required(env, 'ASTRATO_CLIENT_ID'),
    clientSecret: required(env, 'ASTRATO_CLIENT_SECRET'),
    ...(env.ASTRATO_URL ? { baseUrl: env.ASTRATO_URL } : {}),
    ...transport,
  });
}

function jwtExpiry(token: string): Date | undefined {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? new Date(exp * 1000) : undefined;
  } catch {
    return undefined;
  }
}

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
function parseParameters(raw: readonly string[]) {
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
