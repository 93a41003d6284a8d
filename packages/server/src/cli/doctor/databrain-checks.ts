/**
 * `oemkit doctor` for DataBrain: the API key, and a guest token minted for the data app
 * (v2) or workspace (v1), which is all DataBrain's public API shows of a data app.
 *
 * @module
 */
import { isOemkitError } from '@oemkit/schema/errors';
import type { DataBrainClient } from '../../databrain/databrain-client.js';
import { pass, skip, type CheckResult } from './check-result.js';
import { vendorFailure } from './vendor-failure.js';

/** What the DataBrain checks need. */
export interface DataBrainDoctorInput {
  client: DataBrainClient;
  clientId: string;
  dataApp?: string | undefined;
  workspace?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** The shortest lifetime DataBrain accepts from oemkit: a doctor's token should not outlive the run. */
const DOCTOR_TOKEN_LIFETIME = 60_000;

/** Runs the DataBrain checks in order. */
export async function dataBrainChecks(input: DataBrainDoctorInput): Promise<CheckResult[]> {
  const target = input.workspace ? `workspace ${input.workspace} (v1)` : `data app ${input.dataApp} (v2)`;
  try {
    await input.client.createGuestToken(
      { clientId: input.clientId, ...(input.workspace ? { workspaceName: input.workspace } : { dataAppName: input.dataApp! }), expiryTime: DOCTOR_TOKEN_LIFETIME },
      { signal: input.signal },
    );
    return [pass('api key', `DataBrain accepted DATABRAIN_API_KEY at ${input.client.baseUrl}`), pass('guest token', `a guest token was minted for client ${input.clientId}, ${target}`)];
  } catch (error) {
    // Refused, unreachable or not oemkit's: the key is what could not be checked.
    if (!isOemkitError(error) || ['AUTHENTICATION_ERROR', 'CONNECTION_ERROR', 'TIMEOUT'].includes(error.code)) {
      const failure = vendorFailure('api key', error, {}, 'check DATABRAIN_API_KEY (create one in DataBrain: Settings > API Tokens) and DATABRAIN_URL for a self-hosted install');
      return [failure, skip('guest token', 'the API key was not accepted')];
    }
    const vendorCode = 'vendorCode' in error ? String(error.vendorCode) : '';
    const fixes: Record<string, string> = {
      WORKSPACE_ID_ERROR: `DataBrain has no ${target}: copy its name exactly (--data-app for v2, --workspace for v1)`,
      CLIENT_ID_ERROR: `DataBrain refused client ${input.clientId}: use a tenant id of the data app's datasource, or "None" without tenancy`,
    };
    const failure = vendorFailure('guest token', error, {}, fixes[vendorCode] ?? 'read the message: its vendor code names the field');
    return [pass('api key', `DataBrain accepted DATABRAIN_API_KEY at ${input.client.baseUrl}`), failure];
  }
}
