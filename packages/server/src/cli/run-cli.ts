/**
 * @module The `oemkit` command line: check credentials and mint a ticket or guest token in seconds.
 */
import { parseArgs } from 'node:util';
import { ASTRATO_DEFAULT_BASE_URL, TICKET_LIFETIME } from '@oemkit/schema';
import { isOemkitError, ValidationError } from '@oemkit/schema/errors';
import { AstratoClient } from '../astrato/astrato-client.js';
import { DataBrainClient, DATABRAIN_DEFAULT_BASE_URL } from '../databrain/databrain-client.js';
import { failureFields } from '../handlers/failure-fields.js';
import { jwtExpiry } from '../astrato/token-expiry.js';
import { parseParameters } from './parse-parameters.js';
import { escapeControls } from './terminal-text.js';
import { UsageError } from './usage-error.js';

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

// Every form shown names @oemkit/server: a bare `npx oemkit` outside a project that installed it
// would fetch and run an unrelated registry package called `oemkit`, with the secrets in its env.
const USAGE = `Usage: npx @oemkit/server <command> [options]

Commands
  token                      check Astrato credentials (prints the token's expiry, never the token)
  ticket --email <email>     mint a single-use Astrato session ticket (valid ${TICKET_LIFETIME / 1000} s)
         [--name <name>] [--group <name>]... [--group-id <id>]... [--param <name>[:<type>]=<value>]...
  databrain-token --client-id <id> (--data-app <name> | --workspace <name>) [--expiry <ms>]
                             mint a DataBrain guest token (v2 with --data-app, v1 with --workspace;
                             --expiry in milliseconds, at least 60000)

Options
  --json                     machine-readable output (errors too)
  --help                     this text

Environment
  ASTRATO_URL (an origin, default ${ASTRATO_DEFAULT_BASE_URL}), ASTRATO_CLIENT_ID, ASTRATO_CLIENT_SECRET
  DATABRAIN_URL (default ${DATABRAIN_DEFAULT_BASE_URL}), DATABRAIN_API_KEY
`;


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
export async function runCli(argv: readonly string[], given: CliContext): Promise<number> {
  // Escaped at the one place text leaves, so no command, present or future, prints a control raw.
  const context = { ...given, stdout: (text: string) => given.stdout(escapeControls(text)), stderr: (text: string) => given.stderr(escapeControls(text)) };
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
      const expiry = jwtExpiry(token);
      const expiresAt = expiry === undefined ? undefined : new Date(expiry);
      out(
        `Astrato credentials work for ${client.baseUrl}.${expiresAt ? ` The token is valid until ${expiresAt.toISOString()}.` : ''}`,
        { ok: true, baseUrl: client.baseUrl, expiresAt: expiresAt?.toISOString() ?? null },
      );
      return 0;
    }
    if (command === 'ticket') {
      const { email } = values;
      const client = astratoClient(context.env, transport, email ? [] : ['ticket needs --email']);
      const { ticket, expiresAt } = await client.setup({
        email: email!,
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
      const { workspace, 'data-app': dataApp } = values;
      const [apiKey] = requireAll(context.env, ['DATABRAIN_API_KEY'], [
        ...(clientId ? [] : ['databrain-token needs --client-id']),
        ...(Boolean(dataApp) === Boolean(workspace) ? ['databrain-token needs exactly one of --data-app (v2) or --workspace (v1)'] : []),
      ]);
      const expiryTime = values.expiry === undefined ? {} : { expiryTime: Number(values.expiry) };
      const client = withEnvironmentNames(
        () => new DataBrainClient({ apiKey: apiKey!, ...(context.env.DATABRAIN_URL ? { baseUrl: context.env.DATABRAIN_URL } : {}), ...transport }),
        { baseUrl: 'DATABRAIN_URL', apiKey: 'DATABRAIN_API_KEY' },
      );
      // The name field chooses the API version: workspaceName calls v1, dataAppName v2.
      const { token } = await client.createGuestToken({ clientId: clientId!, ...(workspace ? { workspaceName: workspace } : { dataAppName: dataApp! }), ...expiryTime });
      out(token, { token });
      return 0;
    }
    throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  } catch (error) {
    const usage = error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
    // The operator's own terminal: an unexpected error's message is shown, unlike in a server log.
    const message = error instanceof Error ? error.message : String(error);
    const { code, status, vendorCode, correlationId, causes } = usage ? { code: 'USAGE' } : failureFields(error);
    if (json) context.stdout(`${JSON.stringify({ error: { code, message, status, vendorCode, correlationId, causes } })}\n`);
    else {
      const because = causes?.map((cause) => `\n  because: ${cause}`).join('') ?? '';
      context.stderr(`oemkit: ${message}${because}${usage ? '\nRun oemkit --help for usage.' : ''}\n`);
    }
    return usage ? 2 : 1;
  }
}

/**
 * The values of `names` from the environment, or one usage error that lists every missing
 * variable together with the command's other `problems`, so one run shows all there is to fix.
 */
function requireAll(env: CliContext['env'], names: readonly string[], problems: readonly string[] = []): string[] {
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

function astratoClient(env: CliContext['env'], transport: { fetch?: typeof fetch }, problems: string[] = []): AstratoClient {
  const [clientId, clientSecret] = requireAll(env, ['ASTRATO_CLIENT_ID', 'ASTRATO_CLIENT_SECRET'], problems);
  return withEnvironmentNames(
    () => new AstratoClient({ clientId: clientId!, clientSecret: clientSecret!, ...(env.ASTRATO_URL ? { baseUrl: env.ASTRATO_URL } : {}), ...transport }),
    { baseUrl: 'ASTRATO_URL', clientId: 'ASTRATO_CLIENT_ID', clientSecret: 'ASTRATO_CLIENT_SECRET' },
  );
}
