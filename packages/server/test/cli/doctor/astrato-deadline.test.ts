import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astratoChecks } from '../../../src/cli/doctor/astrato-checks.js';
import { AstratoClient } from '../../../src/index.js';
import { createAstratoEmulator, type RunningEmulator } from '../../../src/testing.js';
import { HEALTHY_ASTRATO, HOST_ORIGIN } from '../doctor-scenarios.js';

const astrato = createAstratoEmulator(HEALTHY_ASTRATO);
let server: RunningEmulator;
beforeAll(async () => {
  server = await astrato.listen();
});
afterAll(() => server.close());

/** A tenant whose `silent` requests are accepted and never answered; the rest reach the emulator. */
function silentFor(silent: (url: string, init: RequestInit | undefined) => boolean) {
  const held: string[] = [];
  const tenant: typeof fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!silent(url, init)) return fetch(input, init);
    held.push(url);
    // Ends only when the caller gives up, as a socket that never answers does.
    return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason), { once: true }));
  };
  return { tenant, held };
}

async function check(tenant: typeof fetch) {
  const client = new AstratoClient({ baseUrl: server.url, clientId: astrato.clientId, clientSecret: astrato.clientSecret });
  const input = { client, hostOrigin: new URL(HOST_ORIGIN), embedLink: new URL(`${server.url}/embed/sales`), email: 'doctor@example.invalid', groupNames: ['Viewers'], groupIds: [] };
  return Object.fromEntries((await astratoChecks({ ...input, fetch: tenant, timeoutMs: 200 })).map((result) => [result.name, result]));
}

describe('oemkit doctor against an Astrato tenant that never answers', () => {
  it('fails the framing check when the embed page never answers, instead of waiting for ever', async () => {
    const { tenant, held } = silentFor((url) => url.includes('/embed/'));
    const results = await check(tenant);
    expect(held).toHaveLength(1);
    expect(results.framing).toMatchObject({ status: 'fail', detail: expect.stringContaining('got no answer within 200 ms') });
    expect(results.clock).toMatchObject({ status: 'skip' });
  });

  it('fails the CORS check when the redemption never answers, without quoting the ticket', async () => {
    const { tenant, held } = silentFor((url, init) => url.includes('/auth/proxy/oem/ticket/') && init?.method !== 'OPTIONS');
    const results = await check(tenant);
    expect(held).toHaveLength(1);
    expect(results.cors).toMatchObject({ status: 'fail', detail: expect.stringContaining('got no answer within 200 ms') });
    expect(results.cors!.detail).toContain('/auth/proxy/oem/ticket/');
    expect(results.cors!.detail).not.toContain(held[0]!.split('/').pop()!.split('?')[0]);
    expect(results['session cookie']).toMatchObject({ status: 'skip' });
  });
});
