/** What replaces every secret oemkit removes. */
export const REDACTED = '[REDACTED]';

const SECRET_QUERY_NAME = /secret|token|key|password|ticket|code|signature|session|auth/i;
// Bounded quantifiers and no nested repetition: linear on any input (see redact.test.ts).
const BEARER = /\b(bearer|basic)\s+[\w.~+/=-]{1,4096}/gi;
// A JWT anywhere in a text (an m2m token echoed back): header.payload.signature, base64url.
const JWT = /\beyJ[\w-]{1,8192}\.[\w-]{1,16384}\.[\w-]{0,8192}/g;
const MINIMUM_SECRET_LENGTH = 4;

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
 * Removes known secrets and bearer credentials from text that came from elsewhere, such as a
 * vendor's error message that echoes what it was sent.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let result = text.replace(BEARER, (_, scheme: string) => `${scheme} ${REDACTED}`).replace(JWT, REDACTED);
  for (const secret of secrets) {
    if (secret.length >= MINIMUM_SECRET_LENGTH) result = result.split(secret).join(REDACTED);
  }
  return result;
}
