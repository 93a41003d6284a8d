/**
 * Removing secrets from anything that came from elsewhere (a vendor's error body, a
 * header, a runtime's error message) before it goes into an error, a log line or a trace.
 *
 * @module
 */

import { REDACTED, createSecretMask } from './secret-mask.js';

export { REDACTED };

const SECRET_QUERY_NAME = /secret|token|key|password|ticket|code|signature|session|auth/i;
// Linear on any input (see redaction.test.ts): it can only grow past a run of spaces by ending the match.
const BEARER = /\b(bearer|basic)\s+[\w.~+/=-]{1,4096}/gi;
// Where a JWT can sit: a maximal run of base64url characters and dots. Each run is matched once,
// and the JWT in it is found by hand: a regex trying each `eyJ` in turn across kilobytes of
// `eyJ-eyJ-...` took a second on a 64 KiB body.
const JWT_RUN = /[\w.-]+/g;

/**
 * Removes credentials from a URL before it goes into an error: user info, and the values of
 * query parameters whose names suggest a secret (`client_secret`, `token`, `apiKey`, ...).
 */
export function redactUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return REDACTED;
  }
  if (url.username || url.password) {
    url.username = '';
    url.password = '';
  }
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_QUERY_NAME.test(name)) url.searchParams.set(name, REDACTED);
  }
  return url.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED);
}

/**
 * Scrubs text that came from elsewhere (a vendor's error message that echoes what it was sent, a
 * runtime's error message) of bearer credentials, JWTs and the given secrets, as far as
 * `secret-mask.ts` can see them. Made once per failed call and used for each of its strings.
 */
export interface Redactor {
  /** The text with every secret in it replaced by {@link REDACTED}. */
  text(input: string): string;
  /**
   * `value` when it holds nothing that {@link Redactor.text} would remove, otherwise `undefined`:
   * for identifiers (codes, correlation ids, origins) that are worth nothing once cut.
   */
  clean(value: string | undefined): string | undefined;
}

/** Makes a {@link Redactor} for these secrets. */
export function createRedactor(secrets: readonly string[]): Redactor {
  const maskSecrets = createSecretMask(secrets);
  const text = (input: string) => maskSecrets(input.replace(BEARER, (_, scheme: string) => `${scheme} ${REDACTED}`).replace(JWT_RUN, maskJwts));
  return { text, clean: (value) => (typeof value === 'string' && text(value) === value ? value : undefined) };
}

/** {@link Redactor.text} for one text. */
export function redactText(text: string, secrets: readonly string[]): string {
  return createRedactor(secrets).text(text);
}

/**
 * Masks each JWT (an m2m token echoed back) in a run of base64url characters and dots: a part
 * that starts a word with `eyJ` (a JSON header) and one more character, a non-empty payload, and
 * a signature, which may be empty.
 */
function maskJwts(run: string): string {
  const parts = run.split('.');
  let result = '';
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    const start = index + 2 < parts.length && parts[index + 1] !== '' ? headerStart(part) : -1;
    result += (index > 0 ? '.' : '') + (start === -1 ? part : part.slice(0, start) + REDACTED);
    if (start !== -1) index += 2;
  }
  return result;
}

/** Where a JWT header begins in one part: `eyJ` at its start or after a hyphen, then more. */
function headerStart(part: string): number {
  for (let at = part.indexOf('eyJ'); at !== -1; at = part.indexOf('eyJ', at + 1)) {
    if ((at === 0 || part[at - 1] === '-') && at + 3 < part.length) return at;
  }
  return -1;
}
