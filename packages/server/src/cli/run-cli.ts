/**
 * The `oemkit` command line: check credentials, mint a ticket or guest token, check a tenant for a
 * host page (`doctor`), run the emulators (`emulator`).
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { ASTRATO_DEFAULT_BASE_URL, TICKET_LIFETIME } from '@oemkit/schema';
import { DATABRAIN_DEFAULT_BASE_URL } from '../databrain/databrain-client.js';
import { failureFields } from '../handlers/failure-fields.js';
import { jwtExpiry } from '../astrato/token-expiry.js';
import type { CliContext } from './cli-context.js';
import { DOCTOR_EMAIL, runDoctorCommand } from './doctor/doctor-command.js';
import { runEmulatorCommand } from './emulator-command.js';
import { astratoClient, dataBrainClient } from './environment.js';
import { parseParameters } from './parse-parameters.js';
import { escapeControls } from './terminal-text.js';
import { UsageError } from './usage-error.js';

export type { CliContext } from './cli-context.js';

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
  doctor --host-origin <origin> --embed-link <url> [--email <email>] [--group <name>]... [--group-id <id>]...
         [--client-id <id>] (--data-app <name> | --workspace <name>)
                             check a tenant's setup for a host page: credentials, the test user's
                             groups, CORS and the session cookie of the redemption, framing of the
                             embed page, clock skew; DataBrain's API key and a guest token. One
                             line per check; exit 0 only when all pass. --email defaults to
                             ${DOCTOR_EMAIL}; --host-origin and --embed-link fall back to
                             OEMKIT_HOST_ORIGIN and ASTRATO_EMBED_LINK
  emulator [--astrato-port <port>] [--databrain-port <port>]
                             run both emulators on 127.0.0.1 (free ports by default) and print
                             ASTRATO_URL=... and the other variables for a backend; Ctrl-C stops

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
        'astrato-port': { type: 'string' },
        'host-origin': { type: 'string' },
        'embed-link': { type: 'string' },
        'databrain-port': { type: 'string' },
      },
    });
    const [command, ...extra] = positionals;
    if (values.help || command === undefined || command === 'help') {
      context.stdout(USAGE);
      return command === undefined && !values.help ? 2 : 0;
    }
    if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
    const transport = context.fetch ? { fetch: context.fetch } : {};
    const call = { signal: context.signal };
    if (command === 'token') {
      const client = astratoClient(context.env, transport);
      const token = await client.getAccessToken(call);
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
      }, call);
      out(`${ticket}\n(single use, redeem before ${expiresAt.toISOString()})`, { ticket, expiresAt: expiresAt.toISOString() });
      return 0;
    }
    if (command === 'databrain-token') {
      const clientId = values['client-id'];
      const { workspace, 'data-app': dataApp } = values;
      const expiryTime = values.expiry === undefined ? {} : { expiryTime: Number(values.expiry) };
      const client = dataBrainClient(context.env, transport, [
        ...(clientId ? [] : ['databrain-token needs --client-id']),
        ...(Boolean(dataApp) === Boolean(workspace) ? ['databrain-token needs exactly one of --data-app (v2) or --workspace (v1)'] : []),
      ]);
      // The name field chooses the API version: workspaceName calls v1, dataAppName v2.
      const { token } = await client.createGuestToken({ clientId: clientId!, ...(workspace ? { workspaceName: workspace } : { dataAppName: dataApp! }), ...expiryTime }, call);
      out(token, { token });
      return 0;
    }
    if (command === 'doctor') {
      return await runDoctorCommand(
        {
          hostOrigin: values['host-origin'],
          embedLink: values['embed-link'],
          email: values.email,
          groupNames: values.group,
          groupIds: values['group-id'],
          clientId: values['client-id'],
          dataApp: values['data-app'],
          workspace: values.workspace,
          json: values.json,
        },
        context,
      );
    }
    if (command === 'emulator') {
      return await runEmulatorCommand({ astratoPort: values['astrato-port'], databrainPort: values['databrain-port'], json: values.json }, context);
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
