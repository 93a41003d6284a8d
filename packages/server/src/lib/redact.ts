/**
 * @module Removing secrets from anything that came from elsewhere (a vendor's error body, a
 * header, a runtime's error message) before it goes into an error, a log line or a trace.
 */

/** What replaces every secret oemkit removes. */
export const REDACTED = '[REDACTED]';

const SECRET_QUERY_NAME = /secret|token|key|password|ticket|code|signature|session|auth/i;
// Linear on any input (see redaction.test.ts): it can only grow past a run of spaces by ending the match.
const BEARER = /\b(bearer|basic)\s+[\w.~+/=-]{1,4096}/gi;
// Where a JWT can sit: a maximal run of base64url characters and dots. Each run is matched once,
// and the JWT in it is found by hand: a regex trying each `eyJ` in turn across kilobytes of
// `eyJ-eyJ-...` took a second on a 64 KiB body.
const JWT_RUN = /[\w.-]+/g;
/** Secrets shorter than this are not looked for: they would match ordinary words. */
const MINIMUM_SECRET_LENGTH = 4;
/**
 * Any run of this many characters copied from a secret (or one of its encodings) is removed: a
 * vendor that echoes a prefix, or a message cut off halfway through a secret, leaks no more
 * than seven characters of it.
 */
const FRAGMENT_LENGTH = 8;

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
 * Removes known secrets, in every usual encoding and as fragments, plus any bearer credential or
 * JWT, from text that came from elsewhere, such as a vendor's error message that echoes what it
 * was sent.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  const masked = text.replace(BEARER, (_, scheme: string) => `${scheme} ${REDACTED}`).replace(JWT_RUN, maskJwts);
  const forms = secrets.filter((secret) => secret.length >= MINIMUM_SECRET_LENGTH).flatMap(encodedForms);
  return maskFragments(maskWhole(masked, forms), forms);
}

/**
 * Returns `value` when it holds nothing that {@link redactText} would remove, and `undefined`
 * otherwise: for identifiers (codes, correlation ids) that are worth nothing once cut.
 */
export function keepIfClean(value: string | undefined, secrets: readonly string[]): string | undefined {
  return value !== undefined && redactText(value, secrets) === value ? value : undefined;
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

/** The forms a secret travels in: as is, URL- and form-encoded, JSON-escaped, base64 and base64url. */
function encodedForms(secret: string): string[] {
  const urlEncoded = encodeURIComponent(secret);
  return [
    secret,
    urlEncoded,
    urlEncoded.replace(/%[\dA-F]{2}/g, (escape) => escape.toLowerCase()),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    ...base64Forms(secret),
  ];
}

/**
 * base64 and base64url of the secret at each of the three byte offsets it can have inside a
 * longer encoded value (`base64("id:secret")` in a Basic header, a JSON body encoded whole),
 * keeping only the characters that depend on the secret's bytes alone.
 */
function base64Forms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  let whole = '';
  for (const byte of bytes) whole += String.fromCharCode(byte);
  // The secret encoded alone, padding and all, so that none of it is left behind.
  const forms = [btoa(whole), btoa(whole).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')];
  for (let offset = 0; offset < 3; offset++) {
    const binary = '\0'.repeat(offset) + whole;
    const encoded = btoa(binary).slice(Math.ceil((offset * 8) / 6), Math.floor((binary.length * 8) / 6));
    forms.push(encoded, encoded.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return forms;
}

function maskWhole(text: string, forms: readonly string[]): string {
  let result = text;
  for (const form of forms) if (form.length >= MINIMUM_SECRET_LENGTH) result = result.split(form).join(REDACTED);
  return result;
}

function maskFragments(text: string, forms: readonly string[]): string {
  const fragments = new Set<string>();
  for (const form of forms) {
    for (let start = 0; start + FRAGMENT_LENGTH <= form.length; start++) fragments.add(form.slice(start, start + FRAGMENT_LENGTH));
  }
  if (fragments.size === 0 || text.length < FRAGMENT_LENGTH) return text;
  const masked = new Uint8Array(text.length);
  for (let start = 0; start + FRAGMENT_LENGTH <= text.length; start++) {
    if (fragments.has(text.slice(start, start + FRAGMENT_LENGTH))) masked.fill(1, start, start + FRAGMENT_LENGTH);
  }
  let result = '';
  for (let index = 0; index < text.length; index++) {
    if (!masked[index]) result += text[index];
    else if (index === 0 || !masked[index - 1]) result += REDACTED;
  }
  return result;
}
