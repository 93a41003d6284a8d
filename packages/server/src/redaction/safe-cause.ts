import { plainIdentifier } from './plain-identifier.js';
import type { Redactor } from './redact.js';
import { guarded, readGuarded, type GuardedRead } from '../runtime/read-guarded.js';

const LONGEST_MESSAGE = 300;
const DEEPEST_CHAIN = 4;

/**
 * @internal The one way a thrown value becomes the `cause` of an oemkit error (or the reason in
 * its message) on the server. The contract: a new `Error` that holds
 * - its message with every secret `redactor` knows removed, at most 300 characters (a value that
 *   is not an Error is described by its type, never quoted);
 * - its `name` and `code` (`ECONNREFUSED`) only when each is a plain identifier holding no secret,
 *   kept whole or not at all, since a key looks like an identifier;
 * - its own `cause`, copied the same way, at most 4 deep;
 * and nothing else: a `fetch` wrapper may attach the Request or its init, with the Authorization
 * header, to what it throws. Every read is guarded: a getter or a Proxy that throws loses that
 * field only, and nothing it threw comes out of here.
 */
export function safeCause(error: unknown, redactor: Redactor, depth = 0): Error {
  const isError = valueOf(guarded(() => error instanceof Error)) === true;
  const message = isError ? valueOf(readGuarded(error, 'message')) : error;
  const text = typeof message === 'string' ? message : isError ? 'an error without a message' : `a non-Error value (${typeof error}) was thrown`;
  const copy = new Error(redactor.text(text.slice(0, LONGEST_MESSAGE * 4)).slice(0, LONGEST_MESSAGE));
  if (!isError) return copy;
  const name = plainIdentifier(valueOf(readGuarded(error, 'name')), redactor);
  if (name !== undefined) copy.name = name;
  const code = plainIdentifier(valueOf(readGuarded(error, 'code')), redactor);
  if (code !== undefined) Object.assign(copy, { code });
  const cause = valueOf(readGuarded(error, 'cause'));
  if (cause !== undefined && depth < DEEPEST_CHAIN) copy.cause = safeCause(cause, redactor, depth + 1);
  return copy;
}

/** What was read of what was thrown, `undefined` when reading it threw (a getter, a Proxy). */
function valueOf(read: GuardedRead): unknown {
  return read.ok ? read.value : undefined;
}
