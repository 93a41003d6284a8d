// The built packages through their exports maps, as an ESM user gets them: the whole ticket flow
// against the emulator over loopback.
import assert from 'node:assert/strict';
import { AstratoClient, createTicketHandler, isOemkitError, ValidationError } from '@oemkit/server';
import { toNodeHandler } from '@oemkit/server/node';
import { createAstratoEmulator } from '@oemkit/server/testing';
import { filterParameters } from '@oemkit/schema';
import { encodeFilters, decodeFilters } from '@oemkit/browser';

const emulator = createAstratoEmulator();
const running = await emulator.listen();
try {
  const client = new AstratoClient({ clientId: emulator.clientId, clientSecret: emulator.clientSecret, baseUrl: running.url });
  const handler = createTicketHandler({
    client,
    authorize: () => ({ email: 'ana@example.com', groupNames: ['Viewers'], filterParameters: filterParameters({ org_id: 'ID87' }) }),
  });
  const response = await handler(new Request('http://host.test/api/ticket', { method: 'POST' }));
  assert.equal(response.status, 200);
  const { ticketId } = await response.json();
  const redeemed = await fetch(`${running.url}/auth/proxy/oem/ticket/${ticketId}?embed`);
  assert.equal(redeemed.status, 200);
  assert.equal(typeof toNodeHandler(handler), 'function');
  await assert.rejects(client.setup({ email: 'nope' }), (error) => error instanceof ValidationError && isOemkitError(error, 'VALIDATION_ERROR'));
  const payload = encodeFilters({ 'Date Dim.Year': '2026' });
  assert.deepEqual(decodeFilters(payload), [{ field: 'Date Dim.Year', values: ['2026'] }]);
} finally {
  await running.close();
}
console.log('esm: ticket flow, validation, codec ok');
