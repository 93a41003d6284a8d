/**
 * The Astrato tenant this app embeds from, read from the environment when a request needs it,
 * never at build time: `next build` needs no secret, and none can be inlined into a bundle.
 * Server-only: `@oemkit/server` refuses to load in a browser bundle.
 */
import { AstratoClient } from '@oemkit/server';

const TENANT_VARIABLES = ['ASTRATO_URL', 'ASTRATO_CLIENT_ID', 'ASTRATO_CLIENT_SECRET', 'ASTRATO_EMBED_LINK'] as const;

/** What the page may know about the tenant: its origin and the embed link, both public. */
export interface PublicAstratoConfig {
  baseUrl: string;
  embedUrl: string;
}

/** Every variable this app needs, or one message naming those that are missing. */
function readTenant(env: NodeJS.ProcessEnv = process.env) {
  const missing = TENANT_VARIABLES.filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`Set ${TENANT_VARIABLES.join(', ')}; missing: ${missing.join(', ')}`);
  return {
    baseUrl: env.ASTRATO_URL!,
    clientId: env.ASTRATO_CLIENT_ID!,
    clientSecret: env.ASTRATO_CLIENT_SECRET!,
    embedUrl: env.ASTRATO_EMBED_LINK!,
    groupNames: (env.ASTRATO_GROUP_NAMES ?? 'Viewers').split(',').map((name) => name.trim()).filter(Boolean),
  };
}

/** The public half of the configuration, or the problem to show instead of the dashboard. */
export function publicAstratoConfig(): PublicAstratoConfig | { problem: string } {
  try {
    const { baseUrl, embedUrl } = readTenant();
    return { baseUrl, embedUrl };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/** The Astrato groups every signed-in user joins (`ASTRATO_GROUP_NAMES`, comma-separated). */
export function groupNames(): string[] {
  return readTenant().groupNames;
}

let client: AstratoClient | undefined;

/**
 * The Astrato client, made on the first ticket rather than at import (`next build` imports route
 * modules without the tenant's environment). One per process, so every ticket shares one cached
 * m2m token.
 */
export const astrato: Pick<AstratoClient, 'setup' | 'sessionKey'> = {
  setup(input, options) {
    client ??= new AstratoClient(readTenant());
    return client.setup(input, options);
  },
  // The ticket route answers session keys with it: a return visit, or another dashboard, needs no ticket.
  sessionKey(input) {
    client ??= new AstratoClient(readTenant());
    return client.sessionKey(input);
  },
};
