// @ts-check
/**
 * Where the example's Astrato lives: the local emulator by default, or a real tenant when all four
 * ASTRATO_* variables are set. Half a configuration is an error, not a silent fallback.
 */

const TENANT_VARIABLES = ['ASTRATO_URL', 'ASTRATO_CLIENT_ID', 'ASTRATO_CLIENT_SECRET', 'ASTRATO_EMBED_LINK'];

/**
 * @typedef {{ mode: 'emulator' } | { mode: 'tenant', astratoUrl: string, clientId: string, clientSecret: string, embedLink: string, groupNames: string[] }} AstratoConfig
 */

/**
 * @param {Record<string, string | undefined>} env
 * @returns {AstratoConfig}
 */
export function readAstratoConfig(env) {
  const present = TENANT_VARIABLES.filter((name) => env[name]);
  if (present.length === 0) return { mode: 'emulator' };
  const missing = TENANT_VARIABLES.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new Error(`To use a real Astrato tenant set all of ${TENANT_VARIABLES.join(', ')}; missing: ${missing.join(', ')}`);
  }
  return {
    mode: 'tenant',
    astratoUrl: /** @type {string} */ (env.ASTRATO_URL),
    clientId: /** @type {string} */ (env.ASTRATO_CLIENT_ID),
    clientSecret: /** @type {string} */ (env.ASTRATO_CLIENT_SECRET),
    embedLink: /** @type {string} */ (env.ASTRATO_EMBED_LINK),
    groupNames: (env.ASTRATO_GROUP_NAMES ?? 'Viewers').split(',').map((name) => name.trim()).filter(Boolean),
  };
}
