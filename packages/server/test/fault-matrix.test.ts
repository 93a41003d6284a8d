/**
 * The hostile-vendor fault matrix: every fault the emulators can play, against every server call
 * that can meet it, over real sockets on 127.0.0.1. The table and its judge live in
 * support/fault-matrix.mjs, shared with `bench/fault-matrix.mjs`, which runs the same cells on any
 * build (and so shows what broke before). For each cell: the error's code and `retryable`, no
 * secret in any rendering of the error or its causes, bounded time, and nothing sent to the
 * "foreign" origin a redirect points to.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AstratoClient, DataBrainClient } from '../src/index.js';
import { createAstratoEmulator, createDataBrainEmulator, type FaultAction, type RunningEmulator } from '../src/testing/index.js';
import { API_KEY, CALLS, CALL_NAMES, CLIENT_ID, CLIENT_SECRET, faultRows, judge, prepare, type Urls } from './support/fault-matrix.mjs';

const emulators = {
  astrato: createAstratoEmulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }),
  databrain: createDataBrainEmulator({ apiKey: API_KEY }),
  foreign: createAstratoEmulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }),
};
let servers: RunningEmulator[] = [];
// Filled in before the first test runs; the rows read it then, not when they are declared.
const urls: Urls = { astrato: '', databrain: '', foreign: '' };

beforeAll(async () => {
  servers = await Promise.all([emulators.astrato.listen(), emulators.databrain.listen(), emulators.foreign.listen()]);
  [urls.astrato, urls.databrain, urls.foreign] = servers.map((server) => server.url) as [string, string, string];
});
afterAll(() => Promise.all(servers.map((server) => server.close())));
beforeEach(() => {
  emulators.astrato.faults.clear();
  emulators.databrain.faults.clear();
});

describe.each(faultRows(urls))('a vendor that answers with: $name', (row) => {
  it.each(row.calls ?? CALL_NAMES)('%s fails safely, in bounded time, with nothing sent elsewhere', async (call) => {
    const prepared = await prepare(call, { AstratoClient, DataBrainClient }, urls);
    emulators[CALLS[call].vendor].faults.add({ path: CALLS[call].path, action: row.action(prepared.credential) as FaultAction });
    const foreignCalls = emulators.foreign.calls.length;
    const started = performance.now();
    const result = await prepared.run().then(
      () => ({ ok: true as const }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const facts = { secrets: prepared.secrets, ms: performance.now() - started, foreignHits: emulators.foreign.calls.length - foreignCalls };
    expect(judge(row.outcome(call), result, facts)).toEqual([]);
  });
});
