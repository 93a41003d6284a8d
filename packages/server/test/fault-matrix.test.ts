/**
 * The hostile-vendor fault matrix: every fault the emulators can play, against every server call
 * that can meet it, over real sockets on 127.0.0.1. The table and its judge live in
 * support/fault-matrix.mjs, shared with `bench/fault-matrix.mjs`, which runs the same cells on any
 * build (and so shows what broke before). For each cell: the error's code and `retryable`, no
 * secret in any rendering of the error or its causes, bounded time, and nothing sent to the
 * "foreign" origin a redirect points to.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AstratoClient, DataBrainClient } from '../src/index.js';
import type { FaultAction } from '../src/testing.js';
import { CALLS, CALL_NAMES, faultRows, judge, prepare, startMatrixEmulators } from './support/fault-matrix.mjs';

const { emulators, urls, clearFaults, close } = await startMatrixEmulators();
afterAll(close);
beforeEach(clearFaults);

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
