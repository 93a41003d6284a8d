/**
 * A local DataBrain guest-token API, v1 and v2.
 *
 * @module
 */
import { dataBrainGuestTokenRequestV1Schema, dataBrainGuestTokenRequestV2Schema, type DataBrainErrorCode } from '@oemkit/schema';
import { formatIssuePath, formatValidationIssues, toValidationIssues } from '@oemkit/schema/internal';
import { createEmulatorCore, type Emulator, type EmulatorCall } from './emulator-core.js';
import { unknownKeyPaths } from './unknown-keys.js';

/**
 * DataBrain's documented 401 body, from the example in its API reference (which spells the code
 * `AUTHENTICATION_ERR`, while its list of codes says `AUTHENTICATION_ERROR`): what a wrong API key
 * and a bare `{ status: 401 }` fault answer.
 */
const AUTHENTICATION_FAILED = { code: 'AUTHENTICATION_ERR', message: 'API key is invalid or expired' } as const;

/**
 * Options for {@link createDataBrainEmulator}. The defaults are local, public values.
 *
 * Assumptions (no DataBrain document settles them; docs/testing.md has the full table): keys the
 * schema does not know are accepted (`strict` refuses them); the data route standing in for the
 * web component's calls, and its `TOKEN_EXPIRED` and `INVALID_TOKEN` bodies.
 */
export interface DataBrainEmulatorOptions {
  /** @default 'local-databrain-api-key' */
  apiKey?: string;
  /** Workspace names the v1 API accepts. @default ['Sales'] */
  workspaces?: string[];
  /** Data app names the v2 API accepts. @default ['Sales App'] */
  dataApps?: string[];
  /** @default Date.now */
  now?: () => number;
  /** Milliseconds added before every response, on every route: a network's round trip. @default 0 */
  latency?: number;
  /**
   * Answer 400 `INVALID_REQUEST_BODY` for a key the guest-token schema does not know, naming
   * them all. Off, the emulator accepts them as DataBrain does (its API grows, and its own demos
   * send `metricId`, `embedId`, `params.customerContext`) and lists them in the call's
   * `unknownKeys`. Whether DataBrain itself ignores or uses such a key is not documented.
   * @default false
   */
  strict?: boolean;
}

/**
 * A guest token the emulator issued, with what it was issued for.
 *
 * @example
 * ```ts
 * import { DataBrainClient } from '@oemkit/server';
 * import { createDataBrainEmulator } from '@oemkit/server/testing';
 * const emulator = createDataBrainEmulator();
 * const databrain = new DataBrainClient({ apiKey: emulator.apiKey, fetch: emulator.fetch });
 * await databrain.createGuestToken({ clientId: 'acme', dataAppName: 'Sales App', params: { rlsSettings: [{ metricId: 'revenue', values: { tenant_id: 'acme' } }] } });
 * const [issued] = emulator.tokens();
 * console.log(issued?.request.params?.rlsSettings);
 * ```
 */
export interface IssuedGuestToken {
  token: string;
  version: 'v1' | 'v2';
  request: Record<string, unknown> & { params?: Record<string, unknown> };
  /** Epoch ms on the emulator's clock, or `undefined` for a token that never expires (no `expiryTime`). From then on its data route answers 401 `TOKEN_EXPIRED`. */
  expiresAt: number | undefined;
}

/**
 * The DataBrain emulator: an {@link Emulator} plus the tokens it issued.
 *
 * @example
 * ```ts
 * import { createDataBrainEmulator } from '@oemkit/server/testing';
 * const emulator = createDataBrainEmulator();
 * emulator.tokens().length; // 0
 * ```
 */
export interface DataBrainEmulator extends Emulator {
  readonly apiKey: string;
  tokens(): IssuedGuestToken[];
}

/** Which documented code a validation problem at a path gets. */
function codeFor(path: readonly (string | number)[]): DataBrainErrorCode {
  const [first, second] = path;
  if (first === 'clientId') return 'CLIENT_ID_ERROR';
  if (first === 'workspaceName' || first === 'dataAppName') return 'WORKSPACE_ID_ERROR';
  if (first === 'params' && second === 'dashboard') return 'DASHBOARD_PARAM_ERROR';
  if (first === 'params' && (second === 'appFilters' || second === 'dashboardAppFilters')) return 'APP_FILTER_PARAM_ERROR';
  if (first === 'params' && second === 'rlsSettings') return 'RLS_SETTINGS_PARAM_ERROR';
  return 'INVALID_REQUEST_BODY';
}

/**
 * Creates a local DataBrain: `POST /api/v1/guest-token/create` (with `workspaceName`) and
 * `POST /api/v2/guest-token/create` (with `dataAppName`), API-key bearer auth (a wrong key gets
 * the documented 401 body, `AUTHENTICATION_ERR`), body validation answering the documented codes
 * in `{ error: { code, message } }` with 400, keys it does not know accepted and listed in the
 * call's `unknownKeys` (or refused, with `strict`), no `expiryTime` minimum, and UUID tokens.
 * `GET /api/guest/dashboards/{id}/data` with `Authorization: Bearer <guest token>` stands
 * in for the component's data calls: it answers what the token grants (client, user, row-level
 * and app filters), and refuses a token past its `expiryTime` with 401 `TOKEN_EXPIRED`, on the
 * emulator's clock (`now`).
 *
 * @example
 * ```ts
 * import { DataBrainClient } from '@oemkit/server';
 * import { createDataBrainEmulator } from '@oemkit/server/testing';
 * const emulator = createDataBrainEmulator();
 * const client = new DataBrainClient({ apiKey: emulator.apiKey, baseUrl: 'http://databrain.local', fetch: emulator.fetch });
 * const { token } = await client.createGuestToken({ clientId: 'acme', dataAppName: 'Sales App' });
 * ```
 */
export function createDataBrainEmulator(options: DataBrainEmulatorOptions = {}): DataBrainEmulator {
  const apiKey = options.apiKey ?? 'local-databrain-api-key';
  const workspaces = options.workspaces ?? ['Sales'];
  const dataApps = options.dataApps ?? ['Sales App'];
  const now = options.now ?? Date.now;
  const issued: IssuedGuestToken[] = [];

  const fail = (status: number, message: string, code: string) =>
    new Response(JSON.stringify({ error: { code, message } }), { status, headers: { 'content-type': 'application/json' } });

  async function createToken(request: Request, version: 'v1' | 'v2', call: EmulatorCall): Promise<Response> {
    if (request.headers.get('authorization') !== `Bearer ${apiKey}`) return fail(401, AUTHENTICATION_FAILED.message, AUTHENTICATION_FAILED.code);
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return fail(400, 'Body must be JSON', 'INVALID_REQUEST_BODY');
    }
    const schema = version === 'v1' ? dataBrainGuestTokenRequestV1Schema : dataBrainGuestTokenRequestV2Schema;
    const result = schema.safeParse(body, { reportInput: true });
    if (!result.success) {
      const [issue] = toValidationIssues(result.error.issues);
      return fail(400, formatValidationIssues([issue!]), codeFor(issue!.path));
    }
    const unknownKeys = unknownKeyPaths(schema, body).map(formatIssuePath);
    if (options.strict && unknownKeys.length > 0) return fail(400, `unknown ${unknownKeys.length === 1 ? 'key' : 'keys'} ${unknownKeys.join(', ')}`, 'INVALID_REQUEST_BODY');
    call.unknownKeys = unknownKeys;
    const data = result.data as IssuedGuestToken['request'] & { workspaceName?: string; dataAppName?: string; expiryTime?: number };
    const name = version === 'v1' ? data.workspaceName! : data.dataAppName!;
    if (!(version === 'v1' ? workspaces : dataApps).includes(name)) return fail(400, `No ${version === 'v1' ? 'workspace' : 'data app'} named ${name}`, 'WORKSPACE_ID_ERROR');
    const token = crypto.randomUUID();
    issued.push({ token, version, request: data, expiresAt: data.expiryTime === undefined ? undefined : now() + data.expiryTime });
    return new Response(JSON.stringify({ token }), { headers: { 'content-type': 'application/json' } });
  }

  /**
   * What a guest token lets the component load for one dashboard. DataBrain does not document the
   * component's own data calls, nor the body of its refusals; the web component reports an
   * expired token as a `TOKEN_EXPIRED` server event. So this route stands in for them, with the
   * guest token as a bearer and refusals in the guest-token API's error shape: 401 `TOKEN_EXPIRED`
   * once `expiryTime` has passed (a plausible shape, chosen here), 401 `INVALID_TOKEN` for a
   * token it never issued, 403 `DASHBOARD_PARAM_ERROR` for a dashboard the token was not made for.
   */
  function dashboardData(request: Request, dashboardId: string): Response {
    const bearer = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    const token = issued.find((candidate) => candidate.token === bearer);
    if (!token) return fail(401, 'Unknown guest token', 'INVALID_TOKEN');
    if (token.expiresAt !== undefined && now() >= token.expiresAt) return fail(401, 'Guest token expired', 'TOKEN_EXPIRED');
    const params = (token.request.params ?? {}) as { dashboard?: { id: string }; rlsSettings?: unknown; appFilters?: unknown; dashboardAppFilters?: unknown; userIdentifier?: string };
    if (params.dashboard && params.dashboard.id !== dashboardId) return fail(403, `The guest token is for dashboard ${params.dashboard.id}`, 'DASHBOARD_PARAM_ERROR');
    const granted = {
      dashboardId,
      clientId: token.request.clientId,
      userIdentifier: params.userIdentifier,
      rlsSettings: params.rlsSettings ?? [],
      appFilters: params.appFilters ?? [],
      dashboardAppFilters: params.dashboardAppFilters ?? [],
    };
    return new Response(JSON.stringify(granted), { headers: { 'content-type': 'application/json' } });
  }

  async function route(request: Request, path: string, call: EmulatorCall): Promise<Response> {
    const match = /^\/api\/(v1|v2)\/guest-token\/create$/.exec(path);
    if (match && request.method === 'POST') return createToken(request, match[1] as 'v1' | 'v2', call);
    const dashboard = /^\/api\/guest\/dashboards\/([^/]+)\/data$/.exec(path);
    if (dashboard && request.method === 'GET') return dashboardData(request, decodeURIComponent(dashboard[1]!));
    return fail(404, `No route for ${request.method} ${path}`, 'NOT_FOUND');
  }

  return { ...createEmulatorCore(route, fail, now, options.latency, { 401: AUTHENTICATION_FAILED }), apiKey, tokens: () => [...issued] };
}
