/**
 * `oemkit doctor`: checks a real tenant's setup from this machine, one line per check with
 * what to do when it fails, and exits 0 only when every check passed.
 *
 * @module
 */
import type { CliContext } from '../cli-context.js';
import { astratoClient, dataBrainClient } from '../environment.js';
import { UsageError } from '../usage-error.js';
import { astratoChecks } from './astrato-checks.js';
import { formatCheck, type CheckResult } from './check-result.js';
import { dataBrainChecks } from './databrain-checks.js';

/** What `oemkit doctor` was asked for; each flag falls back to the environment variable named. */
export interface DoctorOptions {
  /** The host page's origin. Falls back to OEMKIT_HOST_ORIGIN. */
  hostOrigin?: string | undefined;
  /** An Astrato embed link. Falls back to ASTRATO_EMBED_LINK. */
  embedLink?: string | undefined;
  /** The test user. @default 'oemkit-doctor@example.invalid' */
  email?: string | undefined;
  groupNames?: readonly string[] | undefined;
  groupIds?: readonly string[] | undefined;
  /** DataBrain's tenant. @default 'None' (DataBrain's value for no tenancy) */
  clientId?: string | undefined;
  dataApp?: string | undefined;
  workspace?: string | undefined;
  json?: boolean | undefined;
}

/** A test user no one has: `.invalid` is reserved, so Astrato's user list shows at once what it is. */
export const DOCTOR_EMAIL = 'oemkit-doctor@example.invalid';

function url(flag: string, value: string | undefined, problems: string[], origin: boolean): URL | undefined {
  if (!value) return void problems.push(`doctor needs ${flag}`);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return void problems.push(`${flag} must be a URL, not ${JSON.stringify(value)}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return void problems.push(`${flag} must start with https:// or http://`);
  if (origin && parsed.href !== `${parsed.origin}/`) return void problems.push(`${flag} must be an origin such as https://app.example.com, with no path`);
  return parsed;
}

/** Runs the checks of every vendor configured in the environment. */
export async function runDoctorCommand(options: DoctorOptions, context: CliContext): Promise<number> {
  const { env } = context;
  const astrato = Boolean(env.ASTRATO_CLIENT_ID || env.ASTRATO_CLIENT_SECRET);
  const databrain = Boolean(env.DATABRAIN_API_KEY);
  if (!astrato && !databrain) throw new UsageError('set ASTRATO_CLIENT_ID and ASTRATO_CLIENT_SECRET, or DATABRAIN_API_KEY, in the environment');
  const transport = context.fetch ? { fetch: context.fetch } : {};
  const sections: { title: string; run: () => Promise<CheckResult[]> }[] = [];
  if (astrato) {
    const problems: string[] = [];
    const hostOrigin = url('--host-origin (or OEMKIT_HOST_ORIGIN)', options.hostOrigin ?? env.OEMKIT_HOST_ORIGIN, problems, true);
    const embedLink = url('--embed-link (or ASTRATO_EMBED_LINK)', options.embedLink ?? env.ASTRATO_EMBED_LINK, problems, false);
    const client = astratoClient(env, transport, problems);
    const email = options.email ?? DOCTOR_EMAIL;
    sections.push({
      title: `Astrato at ${client.baseUrl}, for a host page on ${hostOrigin!.origin}`,
      run: () =>
        astratoChecks({ client, hostOrigin: hostOrigin!, embedLink: embedLink!, email, groupNames: options.groupNames ?? [], groupIds: options.groupIds ?? [], fetch: context.fetch ?? fetch, signal: context.signal }),
    });
  }
  if (databrain) {
    const { dataApp, workspace } = options;
    const client = dataBrainClient(env, transport, Boolean(dataApp) === Boolean(workspace) ? ['doctor needs exactly one of --data-app (v2) or --workspace (v1) for DataBrain'] : []);
    sections.push({ title: `DataBrain at ${client.baseUrl}`, run: () => dataBrainChecks({ client, clientId: options.clientId ?? 'None', dataApp, workspace, signal: context.signal }) });
  }
  const all: CheckResult[] = [];
  for (const section of sections) {
    const results = await section.run();
    all.push(...results);
    if (!options.json) context.stdout(`${section.title}\n${results.map(formatCheck).join('\n')}\n`);
  }
  const failed = all.filter((result) => result.status !== 'pass');
  if (options.json) context.stdout(`${JSON.stringify({ ok: failed.length === 0, checks: all })}\n`);
  else context.stdout(failed.length === 0 ? `All ${all.length} checks passed.\n` : `${failed.length} of ${all.length} checks did not pass.\n`);
  return failed.length === 0 ? 0 : 1;
}
