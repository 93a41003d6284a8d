// @ts-check
/**
 * The route: POST /api/databrain-token answers `{ token }` for the signed-in user, with the
 * tenant's row-level security and a dashboard filter baked into the token. What the token may
 * see is decided here, from the session, never from the request; the API key never leaves the
 * backend, and neither does DataBrain's error text.
 */
import { createGuestTokenHandler } from '@oemkit/server';

/**
 * @typedef {object} GuestTokenRouteOptions
 * @property {import('@oemkit/server').DataBrainClient<'v2'>} client
 * @property {import('./sessions.js').Sessions} sessions
 * @property {string} dataAppName
 * @property {string} dashboardId
 * @property {import('@oemkit/server').GuestTokenHandlerOptions<'v2'>['rateLimit']} [rateLimit] default: 30 tokens per user per minute
 * @property {import('@oemkit/server').GuestTokenHandlerOptions<'v2'>['onError']} [onError] default: one console line per failure
 */

/**
 * @param {GuestTokenRouteOptions} options
 * @returns {(request: Request) => Promise<Response>}
 */
export function createGuestTokenRoute({ client, sessions, dataAppName, dashboardId, rateLimit, onError }) {
  return createGuestTokenHandler({
    client,
    authorize: (request) => {
      const user = sessions.read(request);
      if (!user) return null; // 401: sign in first
      if (!user.analytics) return false; // 403: signed in, but no dashboards for this user
      return {
        clientId: user.tenantId,
        dataAppName,
        // An hour, in milliseconds. The page asks for a new token when the component reports TOKEN_EXPIRED.
        expiryTime: 60 * 60_000,
        params: {
          dashboard: { id: dashboardId },
          // Counts this user's tokens for the rate limit, and names the user to DataBrain.
          userIdentifier: user.id,
          // Row-level security: every metric only sees this tenant's rows.
          rlsSettings: [{ metricId: 'revenue', values: { tenant_id: user.tenantId } }],
          // A dashboard filter the user can neither see nor change.
          dashboardAppFilters: [{ dashboardId, values: { region: user.region }, isShowOnUrl: false }],
          hideDashboardFilters: ['tenant_id'],
        },
      };
    },
    ...(rateLimit === undefined ? {} : { rateLimit }),
    ...(onError === undefined ? {} : { onError }),
  });
}
