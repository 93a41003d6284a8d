/**
 * Compile-time tests of the public types. `pnpm typecheck` (part of `pnpm test`) fails when one of
 * these stops holding: an `@ts-expect-error` line that no longer errors is itself an error.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  AstratoClient,
  DataBrainClient,
  createTicketHandler,
  isOemkitError,
  type ApiError,
  type GuestTokenInput,
  type SetupInput,
  type SetupResult,
} from '../src/index.js';

describe('the public types of @oemkit/server', () => {
  it('type setup input and result', () => {
    expectTypeOf<AstratoClient['setup']>().returns.resolves.toEqualTypeOf<SetupResult>();
    expectTypeOf<SetupResult['expiresAt']>().toEqualTypeOf<Date>();
    expectTypeOf<SetupInput>().toHaveProperty('email').toEqualTypeOf<string>();
    const compileOnly = (client: AstratoClient) => {
      // @ts-expect-error email is required
      void client.setup({ groupNames: ['Viewers'] });
      // @ts-expect-error filterParameters keys follow [name].[type]
      void client.setup({ email: 'a@b.co', filterParameters: { org_id: 'x' } });
      void client.setup({ email: 'a@b.co', filterParameters: { '[org_id].[string]': 'x' } });
    };
    expectTypeOf(compileOnly).toBeFunction();
  });

  it('tie the guest-token input to the API version', () => {
    expectTypeOf<GuestTokenInput<'v1'>>().toHaveProperty('workspaceName');
    expectTypeOf<GuestTokenInput<'v2'>>().toHaveProperty('dataAppName');
    const compileOnly = (v1: DataBrainClient<'v1'>, v2: DataBrainClient<'v2'>, either: DataBrainClient) => {
      // @ts-expect-error v2 takes dataAppName, not workspaceName
      void v2.createGuestToken({ clientId: 'c', workspaceName: 'w' });
      // A client made without apiVersion takes either name field and calls that version.
      void either.createGuestToken({ clientId: 'c', workspaceName: 'w' });
      void either.createGuestToken({ clientId: 'c', dataAppName: 'a' });
      const chosenPerCall: DataBrainClient<'v2'> = either;
      void chosenPerCall;
      // @ts-expect-error v1 takes workspaceName
      void v1.createGuestToken({ clientId: 'c', dataAppName: 'a' });
      void v1.createGuestToken({ clientId: 'c', workspaceName: 'w' });
    };
    expectTypeOf(compileOnly).toBeFunction();
  });

  it('accept optional options straight from the environment under exactOptionalPropertyTypes', () => {
    const env: Record<string, string | undefined> = {};
    const compileOnly = () => new AstratoClient({ clientId: 'id', clientSecret: 'secret', baseUrl: env.ASTRATO_URL, timeout: undefined, retry: undefined });
    expectTypeOf(compileOnly).returns.toEqualTypeOf<AstratoClient>();
  });

  it('make the ticket handler a Web-standard handler', () => {
    expectTypeOf(createTicketHandler).returns.toEqualTypeOf<(request: Request) => Promise<Response>>();
  });

  it('narrow errors by code', () => {
    const error: unknown = undefined;
    if (isOemkitError(error, 'API_ERROR')) expectTypeOf(error).toEqualTypeOf<ApiError>();
    if (isOemkitError(error, 'RATE_LIMITED')) expectTypeOf(error.retryAfter).toEqualTypeOf<number | undefined>();
  });
});
