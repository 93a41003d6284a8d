import { describe, expectTypeOf, it } from 'vitest';
import { createGuestTokenHandler, createTicketHandler, DataBrainClient, type GuestTokenInput, type SetupInput } from '../../src/index.js';

// Compile-time checks of the handlers' public types; the test bodies only build handlers.
describe('the handlers’ types', () => {
  it('make authorize return the input of the client’s API version, and hand it to rateLimit.key', () => {
    const v2 = new DataBrainClient({ apiKey: 'key', apiVersion: 'v2' });
    createGuestTokenHandler({
      client: v2,
      authorize: () => ({ clientId: 'acme', dataAppName: 'Sales App' }),
      rateLimit: {
        key: (_request, input) => {
          expectTypeOf(input).toEqualTypeOf<GuestTokenInput<'v2'>>();
          return input.params?.userIdentifier;
        },
      },
    });
    // @ts-expect-error a v1 input (workspaceName) for a client made for v2
    createGuestTokenHandler({ client: v2, authorize: () => ({ clientId: 'acme', workspaceName: 'Sales' }) });
    const either = new DataBrainClient({ apiKey: 'key' });
    createGuestTokenHandler({ client: either, authorize: () => ({ clientId: 'acme', workspaceName: 'Sales' }) });
  });

  it('let the guest-token authorize refuse with false, and the ticket authorize only with null', () => {
    createGuestTokenHandler({ client: new DataBrainClient({ apiKey: 'key' }), authorize: () => false });
    const client = { setup: async (input: SetupInput) => ({ ticket: input.email, expiresAt: new Date() }) };
    createTicketHandler({ client, authorize: () => null, rateLimit: { key: (_request, input) => (expectTypeOf(input).toEqualTypeOf<SetupInput>(), input.email) } });
    // @ts-expect-error the ticket endpoint has no 403: nobody signed in is null
    createTicketHandler({ client, authorize: () => false });
  });
});
