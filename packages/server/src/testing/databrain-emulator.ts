/**
 * @module A local DataBrain guest-token API, v1 and v2.
 */
import {
  dataBrainGuestTokenRequestV1Schema,
  dataBrainGuestTokenRequestV2Schema,
  formatValidationIssues,
  toValidationIssues,
  type DataBrainErrorCode,
} from '@oemkit/schema';
import { createEmulatorCore, type Emulator } from './emulator-core.js';

/**
 * Options for {@link createDataBrainEmulator}. The defaults are local, public values.
 *
 * @example
 * ```ts
 * import type { DataBrainEmulatorOptions } from '@oemkit/server/testing';
 * const options: DataBrainEmulatorOptions = { apiKey: 'key', workspaces: ['Sales'], dataApps: ['Sales App'] };
 * ```
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
}

/**
 * A guest token the emulator issued, with what it was issued for.
 *
 * @example
 * ```ts
 * const [issued] = emulator.tokens();
 * console.log(issued.request.params?.rlsSettings);
 * ```
 */
export interface IssuedGuestToken {
  token: string;
  version: 'v1' | 'v2';
  request: Record<string, unknown> & { params?: Record<string, unknown> };
  /** Epoch ms, or `undefined` for a token that never expires (no `expiryTime`). */
  expiresAt: number | undefined;
}

/**
 * The DataBrain emulator: an {@link Emulator} plus the tokens it issued.
 *
 * @example
 * ```ts
 * const emulator = createDataBrainEmulator();
 * console.log(emulator.tokens().length);
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
 * `POST /api/v2/guest-token/create` (with `dataAppName`), API-key bearer auth, body validation
 * answering the documented codes in `{ error: { code, message } }` with 400 or 401, and UUID
 * tokens.
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

  async function createToken(request: Request, version: 'v1' | 'v2'): Promise<Response> {
    if (request.headers.get('authorization') !== `Bearer ${apiKey}`) return fail(401, 'Invalid API key', 'AUTHENTICATION_ERROR');
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
    const data = result.data as IssuedGuestToken['request'] & { workspaceName?: string; dataAppName?: string; expiryTime?: number };
    const name = version === 'v1' ? data.workspaceName! : data.dataAppName!;
    if (!(version === 'v1' ? workspaces : dataApps).includes(name)) return fail(400, `No ${version === 'v1' ? 'workspace' : 'data app'} named ${name}`, 'WORKSPACE_ID_ERROR');
    const token = crypto.randomUUID();
    issued.push({ token, version, request: data, expiresAt: data.expiryTime === undefined ? undefined : now() + data.expiryTime });
    return new Response(JSON.stringify({ token }), { headers: { 'content-type': 'application/json' } });
  }

  async function route(request: Request, path: string): Promise<Response> {
    const match = /^\/api\/(v1|v2)\/guest-token\/create$/.exec(path);
    if (match && request.method === 'POST') return createToken(request, match[1] as 'v1' | 'v2');
    return fail(404, `No route for ${request.method} ${path}`, 'NOT_FOUND');
  }

  return { ...createEmulatorCore(route, fail, now, options.latency), apiKey, tokens: () => [...issued] };
}
