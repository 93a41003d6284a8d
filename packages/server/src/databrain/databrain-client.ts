/**
 * The DataBrain guest-token client.
 *
 * @module
 */
import { dataBrainErrorBodySchema, dataBrainGuestTokenRequestV1Schema, dataBrainGuestTokenRequestV2Schema, dataBrainGuestTokenResponseSchema, type DataBrainGuestTokenRequestV1, type DataBrainGuestTokenRequestV2 } from '@oemkit/schema';
import { isHeaderCredential, readUrl, validate } from '@oemkit/schema/internal';
import { isOemkitError, ValidationError, type ValidationIssue } from '@oemkit/schema/errors';
import { assertServerRuntime } from '../runtime/server-runtime.js';
import { HttpClient } from '../transport/http-client.js';
import type { TransportOptions, VendorErrorDetails } from '../transport/transport-options.js';
import { createLog } from '../observability/logger.js';
import { observabilityIssues, type ObservabilityOptions } from '../observability/observability-options.js';
import { INSPECT } from '../redaction/inspect.js';
import type { CallOptions } from '../transport/call-options.js';

/**
 * DataBrain's cloud API. Self-hosted installs use their own URL (which may have a path) with the
 * same API paths.
 *
 * @example
 * ```ts
 * import { DATABRAIN_DEFAULT_BASE_URL } from '@oemkit/server';
 * console.log(DATABRAIN_DEFAULT_BASE_URL); // https://api.usedatabrain.com
 * ```
 */
export const DATABRAIN_DEFAULT_BASE_URL = 'https://api.usedatabrain.com';

/**
 * The guest-token API version: `v1` (the first documented version) takes `workspaceName`, `v2` (current docs) takes
 * `dataAppName`.
 *
 * @example
 * ```ts
 * import { DataBrainClient, type DataBrainApiVersion } from '@oemkit/server';
 * const apiVersion: DataBrainApiVersion = process.env.DATABRAIN_WORKSPACES === 'yes' ? 'v1' : 'v2';
 * const databrain = new DataBrainClient({ apiKey: process.env.DATABRAIN_API_KEY!, apiVersion });
 * ```
 */
export type DataBrainApiVersion = 'v1' | 'v2';

/**
 * The guest-token input for an API version; for both (a client made without `apiVersion`), either
 * version's input.
 *
 * @example
 * ```ts
 * import type { GuestTokenInput } from '@oemkit/server';
 * const input: GuestTokenInput<'v2'> = { clientId: 'acme', dataAppName: 'Sales App' };
 * const either: GuestTokenInput = { clientId: 'acme', workspaceName: 'Sales' }; // v1, by its name field
 * ```
 */
export type GuestTokenInput<V extends DataBrainApiVersion = DataBrainApiVersion> = {
  // Indexed rather than conditional, so a client choosing per call is assignable to one of a version.
  v1: DataBrainGuestTokenRequestV1;
  v2: DataBrainGuestTokenRequestV2;
}[V];

/**
 * The shortest `expiryTime` the client sends, one minute: oemkit's guard, not DataBrain's rule
 * (its documents give no minimum, and the emulator has none). DataBrain reads the lifetime in
 * milliseconds, so one written in seconds (`3600` for an hour) would make a token that dies in
 * 3.6 seconds; a token shorter than a minute is never what was meant.
 */
const SHORTEST_EXPIRY = 60_000;

/** The name field of each version, the only difference between their inputs. */
const NAME_FIELD = { v1: 'workspaceName', v2: 'dataAppName' } as const;

/**
 * Options for {@link DataBrainClient}.
 */
export interface DataBrainClientOptions<V extends DataBrainApiVersion = DataBrainApiVersion> extends TransportOptions, ObservabilityOptions {
  /**
   * The API key from DataBrain's dashboard, sent as `Authorization: Bearer`. Never logged. Checked
   * when the client is made: printable ASCII without spaces or line breaks.
   */
  apiKey: string;
  /**
   * The API URL, or your self-hosted DataBrain's. Unlike Astrato's, it may have a path (an install
   * behind a reverse proxy at `https://bi.example.com/databrain`): the API paths are appended to it.
   * @default 'https://api.usedatabrain.com'
   */
  baseUrl?: string | undefined;
  /**
   * Which guest-token API to call. Without it each call's name field decides: `workspaceName`
   * calls v1, `dataAppName` v2.
   * @default chosen per call by the name field
   */
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
 *   dataAppName: 'Sales App', // v2; workspaceName would call v1
 *   params: { rlsSettings: [{ metricId: 'revenue', values: { tenant_id: 'acme' } }] },
 *   expiryTime: 3_600_000, // milliseconds: one hour
 * });
 * ```
 */
export class DataBrainClient<V extends DataBrainApiVersion = DataBrainApiVersion> {
  readonly baseUrl: string;
  /** The version given when the client was made, or `undefined` when each call's name field decides. */
  readonly apiVersion: DataBrainApiVersion | undefined;
  readonly #apiKey: string;
  readonly #http: HttpClient;

  constructor(options: DataBrainClientOptions<V>) {
    assertServerRuntime('DataBrainClient');
    this.baseUrl = checkOptions(options);
    this.apiVersion = options.apiVersion;
    this.#apiKey = options.apiKey;
    this.#http = new HttpClient({
      ...options,
      service: 'databrain',
      baseUrl: this.baseUrl,
      readErrorBody: readDataBrainError,
      // The API key travels in a header, which the transport scrubs by itself; its events need telling.
      log: createLog(options.logger, () => [this.#apiKey]),
    });
  }

  /**
   * Creates a guest token (`POST /api/{v1,v2}/guest-token/create`). The input is validated first;
   * DataBrain's `{ error: { code, message } }` becomes an `ApiError` (or `AuthenticationError`)
   * whose `vendorCode` is DataBrain's code.
   *
   * Fields DataBrain documents are checked (`params.allowedEmbeds` among them); any other key is
   * sent unchanged, since DataBrain's API grows faster than oemkit's releases.
   *
   * @throws `ValidationError` for bad input: a prototype key (`__proto__`, `constructor`,
   *   `prototype`) anywhere in the body, named by its path; an `expiryTime` under 60000 (it is in milliseconds),
   *   both name fields or neither, or the other version's name field when `apiVersion` was given;
   *   `InvalidResponseError` for an answer without a usable guest token (one that `isGuestToken`
   *   refuses) or with one that holds the API key (DataBrain echoing it back: it is never handed out).
   */
  async createGuestToken(input: GuestTokenInput<V>, options: CallOptions = {}): Promise<{ token: string }> {
    const version = this.#versionFor(input);
    const schema = version === 'v1' ? dataBrainGuestTokenRequestV1Schema : dataBrainGuestTokenRequestV2Schema;
    const body = validate(schema, input, 'guest-token input');
    if (body.expiryTime !== undefined && body.expiryTime < SHORTEST_EXPIRY) {
      throw new ValidationError('guest-token input', [
        { path: ['expiryTime'], message: `is in milliseconds and must be at least ${SHORTEST_EXPIRY} (one minute): for an hour pass 3_600_000, not 3600 (3.6 seconds)` },
      ]);
    }
    const { body: answer } = await this.#http.request({
      method: 'POST',
      path: `api/${version}/guest-token/create`,
      json: body,
      headers: { authorization: `Bearer ${this.#apiKey}` },
      signal: options.signal,
      schema: dataBrainGuestTokenResponseSchema,
      // The guest token goes to the page: never the API key, echoed back as one.
      issued: (answer) => ({ token: guestTokenOf(answer) }),
    });
    return { token: guestTokenOf(answer) };
  }

  /** The version to call: the one given, else the one whose name field the input has. */
  #versionFor(input: unknown): DataBrainApiVersion {
    const has = (version: DataBrainApiVersion) => typeof input === 'object' && input !== null && NAME_FIELD[version] in input;
    const fail = (path: string[], message: string) => {
      throw new ValidationError('guest-token input', [{ path, message }]);
    };
    const given = this.apiVersion;
    if (given) {
      // The two versions name the same thing differently; say so instead of "unknown key".
      const other = given === 'v1' ? 'v2' : 'v1';
      if (has(other) && !has(given)) {
        fail([NAME_FIELD[other]], `is not a ${given} field: pass ${NAME_FIELD[given]}, or leave apiVersion out to call ${other} for ${NAME_FIELD[other]}`);
      }
      return given;
    }
    if (has('v1') && has('v2')) fail([], 'pass either workspaceName (API v1) or dataAppName (API v2), not both');
    if (!has('v1') && !has('v2')) fail([], 'needs dataAppName (API v2, the current one) or workspaceName (API v1)');
    return has('v1') ? 'v1' : 'v2';
  }

  /** Only the base URL and version: the API key stays out of logs. */
  toJSON(): { baseUrl: string; apiVersion: DataBrainApiVersion | undefined } {
    return { baseUrl: this.baseUrl, apiVersion: this.apiVersion };
  }

  [INSPECT](): string {
    return `DataBrainClient { baseUrl: '${this.baseUrl}', apiVersion: ${this.apiVersion ? `'${this.apiVersion}'` : 'by name field'} }`;
  }
}

/** Every problem at once, and the base URL when there is none. */
function checkOptions(options: DataBrainClientOptions): string {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('DataBrainClient options', [{ path: [], message: 'pass { apiKey, baseUrl?, apiVersion? }' }]);
  }
  const issues: ValidationIssue[] = [];
  const { apiKey, apiVersion } = options;
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    issues.push({ path: ['apiKey'], message: 'is required (the API key from DataBrain)' });
  } else if (!isHeaderCredential(apiKey)) {
    // Sent in a header: a line break, NUL or space (a key copied with its surroundings) would make
    // the runtime throw an error that quotes the whole key, on every call. Refuse it here, unquoted.
    issues.push({ path: ['apiKey'], message: 'must be printable ASCII without spaces or line breaks: check how the key was copied' });
  }
  if (apiVersion !== undefined && apiVersion !== 'v1' && apiVersion !== 'v2') {
    issues.push({ path: ['apiVersion'], message: 'must be "v1" or "v2", or left out to choose by the name field' });
  }
  issues.push(...observabilityIssues(options));
  let baseUrl = '';
  try {
    // Unlike Astrato's, DataBrain's base URL may have a path (a self-hosted install behind one).
    const url = readUrl(options.baseUrl ?? DATABRAIN_DEFAULT_BASE_URL, 'baseUrl');
    if (url.username || url.password || url.search || url.hash) issues.push({ path: ['baseUrl'], message: 'must not contain credentials, a query or a fragment' });
    baseUrl = (url.origin + url.pathname).replace(/\/+$/, '');
  } catch (error) {
    if (!isOemkitError(error, 'VALIDATION_ERROR')) throw error;
    issues.push(...error.issues);
  }
  if (issues.length > 0) throw new ValidationError('DataBrainClient options', issues);
  return baseUrl;
}

/** The token of an answer, under either of the names DataBrain has used. */
function guestTokenOf(answer: { token?: string | undefined; guestToken?: string | undefined }): string {
  return (answer.token || answer.guestToken) as string;
}

function readDataBrainError(body: unknown): VendorErrorDetails {
  const parsed = dataBrainErrorBodySchema.safeParse(body);
  return parsed.success ? { vendorCode: parsed.data.error.code, vendorMessage: parsed.data.error.message } : {};
}
