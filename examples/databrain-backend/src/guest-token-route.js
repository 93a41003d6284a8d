// @ts-check
/**
 * The route: POST /api/databrain-token answers `{ token }` for the signed-in tenant, with the
 * tenant's row-level security and a dashboard filter baked into the token. The API key never
 * leaves the backend, and neither does DataBrain's error text.
 */
import { DataBrainClient, isOemkitError } from '@oemkit/server';

/**
 * @typedef {object} GuestTokenRouteOptions
 * @property {DataBrainClient<'v2'>} client
 * @property {string} dataAppName
 * @property {string} dashboardId
 * @property {(request: Request) => { tenantId: string, region?: string } | null} authorize who is asking
 */

/**
 * @param {GuestTokenRouteOptions} options
 * @returns {(request: Request) => Promise<Response>}
 */
export function createGuestTokenRoute(options) {
  /** @param {number} status @param {unknown} body */
  const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
  return async (request) => {
    if (request.method !== 'POST') return json(405, { error: 'method_not_allowed' });
    const tenant = options.authorize(request);
    if (!tenant) return json(401, { error: 'unauthorized' });
    try {
      const { token } = await options.client.createGuestToken(
        {
          clientId: tenant.tenantId,
          dataAppName: options.dataAppName,
          expiryTime: 60 * 60_000,
          params: {
            dashboard: { id: options.dashboardId },
            // Row-level security: every metric only sees this tenant's rows.
            rlsSettings: [{ metricId: 'revenue', values: { tenant_id: tenant.tenantId } }],
            // A dashboard filter the user cannot see or change.
            dashboardAppFilters: [{ dashboardId: options.dashboardId, values: { region: tenant.region ?? 'EU' }, isShowOnUrl: false }],
            hideDashboardFilters: ['tenant_id'],
          },
        },
        { signal: request.signal },
      );
      return json(200, { token });
    } catch (error) {
      return json(isOemkitError(error) && error.retryable ? 503 : 502, { error: 'token_unavailable' });
    }
  };
}
