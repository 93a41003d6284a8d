import { plainIdentifier } from './plain-identifier.js';
import type { Redactor } from './redact.js';
import { guarded, readGuarded, type GuardedRead } from '../runtime/read-guarded.js';

const LONGEST_MESSAGE = 300;
const DEEPEST_CHAIN = 4;

/**
 * Copies what is worth keeping of an error thrown by a runtime or a user-supplied `fetch`: its
 * name, a plain `code` (`ECONNREFUSED`), its message with every known secret removed, and its
 * own cause, the same way. Everything else stays behind: a `fetch` wrapper may attach the
 * Request or its init, with the Authorization header, to what it throws. A name or code is an
 * identifier, kept whole or not at all, and only when no secret is in it: a key looks like one.
 * Nothing read from the error may throw out of here, or the caller would get that instead.
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
