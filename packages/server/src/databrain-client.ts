/**
 * @module The DataBrain guest-token client.
 */
import {
  dataBrainErrorBodySchema,
  dataBrainGuestTokenRequestV1Schema,
  dataBrainGuestTokenRequestV2Schema,
  dataBrainGuestTokenResponseSchema,
  validate,
  ValidationError,
  type DataBrainGuestTokenRequestV1,
  type DataBrainGuestTokenRequestV2,
} from '@oemkit/schema';
import { assertServerRuntime } from './guard.js';
import { HttpClient, type TransportOptions, type VendorErrorDetails } from './http.js';
import { normalizeBaseUrl } from './lib/base-url.js';
import { INSPECT } from './lib/inspect.js';
import type { CallOptions } from './call-options.js';

/**
 * DataBrain's cloud API. Self-hosted installs use their own URL with the same paths.
 *
 * @example
 * ```ts
 * import { DATABRAIN_DEFAULT_BASE_URL } from '@oemkit/server';
 * console.log(DATABRAIN_DEFAULT_BASE_URL); // https://api.usedatabrain.com
 * ```
 */
export const DATABRAIN_DEFAULT_BASE_URL = 'https://api.usedatabrain.com';

const HEADER_TOKEN = /^[\x21-\x7e]{1,4096}$/;

/**
 * The guest-token API version: `v1` (the seed) takes `workspaceName`, `v2` (current docs) takes
 * `dataAppName`.
 *
 * @example
 * ```ts
 * import type { DataBrainApiVersion } from '@oemkit/server';
 * const version: DataBrainApiVersion = 'v1';
 * ```
 */
export type DataBrainApiVersion = 'v1' | 'v2';

/**
 * The guest-token input for an API version.
 *
 * @example
 * ```ts
 * import type { GuestTokenInput } from '@oemkit/server';
 * const input: GuestTokenInput<'v2'> = { clientId: 'acme', dataAppName: 'Sales App' };
 * ```
 */
export type GuestTokenInput<V extends DataBrainApiVersion> = V extends 'v1'
  ? DataBrainGuestTokenRequestV1
  : DataBrainGuestTokenRequestV2;

/**
 * Options for {@link DataBrainClient}.
 *
 * @example
 * ```ts
 * import type { DataBrainClientOptions } from '@oemkit/server';
 * const options: DataBrainClientOptions<'v2'> = { apiKey: process.env.DATABRAIN_API_KEY! };
 * ```
 */
export interface DataBrainClientOptions<V extends DataBrainApiVersion = 'v2'> extends TransportOptions {
  /**
   * The API key from DataBrain's dashboard, sent as `Authorization: Bearer`. Never logged. Checked
   * when the client is made: printable ASCII without spaces or line breaks.
   */
  apiKey: string;
  /** The API URL, or your self-hosted URL. @default 'https://api.usedatabrain.com' */
  baseUrl?: string | undefined;
  /** Which guest-token API to call. @default 'v2' */
  apiVersion?: V | undefined;
}

/**
 * Mints DataBrain guest tokens on your backend for the `<dbn-dashboard>` and `<dbn-metric>` web
 * components. Every call makes a new token; pass it to the page, never the API key.
 *
 * @example
 * ```ts
 * import { DataBrainClient } from '@oemkit/server';
 * const databrain = new DataBrainClient({ apiKey: process.env.DATABRAIN_API_KEY! });
 * const { token } = await databrain.createGuestToken({
 *   clientId: 'acme',
 *   dataAppName: 'Sales App',
 *   params: { rlsSettings: [{ metricId: 'revenue', values: { tenant_id: 'acme' } }] },
 *   expiryTime: 3_600_000,
 * });
 * ```
 */
export class DataBrainClient<V extends DataBrainApiVersion = 'v2'> {
  readonly baseUrl: string;
  readonly apiVersion: V;
  readonly #apiKey: string;
  readonly #http: HttpClient;

  constructor(options: DataBrainClientOptions<V>) {
    assertServerRuntime('DataBrainClient');
    if (typeof options?.apiKey !== 'string' || options.apiKey.trim() === '') {
      throw new ValidationError('DataBrainClient options', [{ path: ['apiKey'], message: 'is required (the API key from DataBrain)' }]);
    }
    // Sent in a header: a line break, NUL or space (a key copied with its surroundings) would make
    // the runtime throw an error that quotes the whole key, on every call. Refuse it here, unquoted.
    if (!HEADER_TOKEN.test(options.apiKey)) {
      throw new ValidationError('DataBrainClient options', [
        { path: ['apiKey'], message: 'must be printable ASCII without spaces or line breaks: check how the key was copied' },
      ]);
    }
    const apiVersion = options.apiVersion ?? ('v2' as V);
    if (apiVersion !== 'v1' && apiVersion !== 'v2') {
      throw new ValidationError('DataBrainClient options', [{ path: ['apiVersion'], message: 'must be "v1" or "v2"' }]);
    }
    this.apiVersion = apiVersion;
    this.baseUrl = normalizeBaseUrl(options.baseUrl ?? DATABRAIN_DEFAULT_BASE_URL, 'baseUrl');
    this.#apiKey = options.apiKey;
    this.#http = new HttpClient({
      ...options,
      service: 'databrain',
      baseUrl: this.baseUrl,
      readErrorBody: readDataBrainError,
    });
  }

  /**
   * Creates a guest token (`POST /api/{v1,v2}/guest-token/create`). The input is validated first;
   * DataBrain's `{ error: { code, message } }` becomes an `ApiError` (or `AuthenticationError`)
   * whose `vendorCode` is DataBrain's code.
   */
  async createGuestToken(input: GuestTokenInput<V>, options: CallOptions = {}): Promise<{ token: string }> {
    const body = this.#validate(input);
    const { body: answer } = await this.#http.request({
      method: 'POST',
      path: `api/${this.apiVersion}/guest-token/create`,
      json: body,
      headers: { authorization: `Bearer ${this.#apiKey}` },
      signal: options.signal,
      schema: dataBrainGuestTokenResponseSchema,
    });
    return { token: (answer.token || answer.guestToken) as string };
  }

  #validate(input: unknown): unknown {
    // The two versions name the same thing differently; say so instead of "unknown key".
    const [wrong, right] = this.apiVersion === 'v2' ? ['workspaceName', 'dataAppName'] : ['dataAppName', 'workspaceName'];
    if (typeof input === 'object' && input !== null && wrong in input && !(right in input)) {
      throw new ValidationError('guest-token input', [
        { path: [wrong], message: `is not a ${this.apiVersion} field: pass ${right}, or create the client with apiVersion: '${this.apiVersion === 'v2' ? 'v1' : 'v2'}'` },
      ]);
    }
    const schema = this.apiVersion === 'v1' ? dataBrainGuestTokenRequestV1Schema : dataBrainGuestTokenRequestV2Schema;
    return validate(schema, input, 'guest-token input');
  }

  /** Only the base URL and version: the API key stays out of logs. */
  toJSON(): { baseUrl: string; apiVersion: V } {
    return { baseUrl: this.baseUrl, apiVersion: this.apiVersion };
  }

  [INSPECT](): string {
    return `DataBrainClient { baseUrl: '${this.baseUrl}', apiVersion: '${this.apiVersion}' }`;
  }
}

function readDataBrainError(body: unknown): VendorErrorDetails {
  const parsed = dataBrainErrorBodySchema.safeParse(body);
  return parsed.success ? { vendorCode: parsed.data.error.code, vendorMessage: parsed.data.error.message } : {};
}
