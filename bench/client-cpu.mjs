// Client CPU per ticket: oemkit's AstratoClient.setup beside ky alone and a bare fetch, all three
// against the same in-process fake (the Astrato emulator's `fetch`, no socket), so the only
// difference is the client. Measured with process.cpuUsage (user + system), not wall time: the
// machine is shared, and CPU time is what another engineer's load changes least.
import { AstratoClient } from '@oemkit/server';
import { createAstratoEmulator } from '@oemkit/server/testing';
import ky from 'ky';

const input = (i) => ({ email: `user${i % 50}@example.com`, groupNames: ['Viewers'] });

/** Builds the three contenders, each a `(i) => Promise<ticket>`, on one emulator. */
export async function clientContenders() {
  const emulator = createAstratoEmulator();
  const baseUrl = 'http://astrato.test';
  const { fetch } = emulator;
  const credentials = { clientId: emulator.clientId, clientSecret: emulator.clientSecret };
  const tokenAnswer = await fetch(`${baseUrl}/auth/proxy/m2m/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
  const { access_token: token } = await tokenAnswer.json();
  const authorization = `Bearer ${token}`;
  // ky as a host would configure it for the same call: oemkit's timeout and retry limit.
  const kyClient = ky.create({ fetch, timeout: 10_000, retry: { limit: 2, methods: ['post'] } });
  const oemkit = new AstratoClient({ ...credentials, baseUrl, fetch });
  return {
    emulator,
    contenders: {
      'bare fetch, known token': async (i) => {
        const response = await fetch(`${baseUrl}/oem/setup`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(input(i)) });
        if (!response.ok) throw new Error(`setup answered ${response.status}`);
        return (await response.json()).ticket;
      },
      'ky alone, known token': async (i) => (await kyClient.post(`${baseUrl}/oem/setup`, { json: input(i), headers: { authorization } }).json()).ticket,
      'oemkit AstratoClient.setup': async (i) => (await oemkit.setup(input(i))).ticket,
    },
  };
}

/** Microseconds of CPU (user + system) per call of `task`, over `count` sequential calls. */
export async function cpuPerCall(task, count) {
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) await task(i);
  const { user, system } = process.cpuUsage(before);
  return (user + system) / count;
}
