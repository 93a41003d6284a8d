import type { Redactor } from './redact.js';

const PLAIN_IDENTIFIER = /^[\w.:-]{1,64}$/;
const LONGEST_MESSAGE = 300;
const DEEPEST_CHAIN = 4;

/**
 * Copies what is worth keeping of an error thrown by a runtime or a user-supplied `fetch`: its
 * name, a plain `code` (`ECONNREFUSED`), its message with every known secret removed, and its
 * own cause, the same way. Everything else stays behind: a `fetch` wrapper may attach the
 * Request or its init, with the Authorization header, to what it throws.
 */
export function safeCause(error: unknown, redactor: Redactor, depth = 0): Error {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : `a non-Error value (${typeof error}) was thrown`;
  const copy = new Error(redactor.text(message.slice(0, LONGEST_MESSAGE * 4)).slice(0, LONGEST_MESSAGE));
  if (!(error instanceof Error)) return copy;
  if (PLAIN_IDENTIFIER.test(error.name)) copy.name = error.name;
  const code: unknown = (error as { code?: unknown }).code;
  if (typeof code === 'string' && PLAIN_IDENTIFIER.test(code)) Object.assign(copy, { code });
  if (error.cause !== undefined && depth < DEEPEST_CHAIN) copy.cause = safeCause(error.cause, redactor, depth + 1);
  return copy;
}
