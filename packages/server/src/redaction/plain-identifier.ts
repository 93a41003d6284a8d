/**
 * The one rule for an identifier that came from elsewhere (a vendor's error code or
 * correlation id, a runtime's or a store driver's error name and code) before it goes into an
 * error, a log line or a trace.
 *
 * @module
 */
import type { Redactor } from './redact.js';

// Short, on one line, without spaces: a code, a UUID, a trace id. Anything else (a sentence, a
// connection string, an echoed credential, a megabyte) is dropped rather than cut, since a cut
// identifier identifies nothing and a line break in one would forge log lines.
const PLAIN_IDENTIFIER = /^[\w.:-]{1,64}$/;

/**
 * `value` when it is a plain identifier (1 to 64 letters, digits and `_ . : -`) and holds nothing
 * `redactor` would remove, else `undefined`: an identifier is kept whole or not at all, since a
 * secret can look like one. The shape is checked first, so a megabyte is never scanned for secrets.
 * Without a redactor (a store's error, where no secret is known) only the shape is checked.
 */
export function plainIdentifier(value: unknown, redactor?: Redactor): string | undefined {
  if (typeof value !== 'string' || !PLAIN_IDENTIFIER.test(value)) return undefined;
  return redactor === undefined ? value : redactor.clean(value);
}
