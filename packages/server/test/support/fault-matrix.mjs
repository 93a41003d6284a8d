/**
 * The hostile-vendor fault matrix, in one place for the test suite (`fault-matrix.test.ts`, on the
 * sources) and the benchmark (`bench/fault-matrix.mjs`, on any build, one child process a cell):
 * the emulators, the calls, the faults, what each call must do under each fault, and the judge.
 *
 * Plain JavaScript with JSDoc types, so that the benchmark can run it on Node without a build.
 */
import { inspect } from 'node:util';

export const CLIENT_ID = 'matrix-client-id';
export const CLIENT_SECRET = 'matrix-client-secret-Zq81xY';
export const API_KEY = 'matrix-databrain-key-7Hk2pQ';
export const SESSION = 'matrix-session-cookie-Lm55vR';
/** Each attempt's timeout in the matrix: short, so that stalled answers end quickly. */
export const TIMEOUT = 800;
/** Every call must end within this: its own timeout, one retry with a short backoff, and slack. */
export const BOUND = 2 * TIMEOUT + 1_500;
const TRANSPORT = { timeout: TIMEOUT, retry: { limit: 1, backoffLimit: 50 } };

/** @typedef {'token' | 'setup' | 'signOut' | 'guestToken'} CallName */
/** @typedef {{ astrato: string, databrain: string, foreign: string }} Urls */
/**
 * @typedef {object} Clients The client classes under test: from the sources or from a build.
 * @property {new (options: any) => any} AstratoClient
 * @property {new (options: any) => any} DataBrainClient
 */
/**
 * @typedef {object} Prepared A call ready to run, its client made and its token fetched.
 * @property {string} credential The credential it sends, echoed back by the echo faults.
 * @property {string[]} secrets Every secret that must never come back in an error.
 * @property {() => Promise<unknown>} run
 */
/**
 * @typedef {object} Expected What a call must do under a fault, when it must fail.
 * @property {string} code
 * @property {boolean} retryable
 * @property {Record<string, unknown>} [fields] Fields the error must have, exactly.
 * @property {number} [retryAfterAtLeast] A lower bound for `retryAfter` (an epoch moves on).
 */
/** @typedef {Expected | 'succeeds'} Outcome */
/**
 * @typedef {object} FaultRow
 * @property {string} name
 * @property {(credential: string) => Record<string, unknown>} action The emulator's FaultAction.
 * @property {(call: CallName) => Outcome} outcome
 * @property {CallName[]} [calls] The calls it applies to; every call when omitted.
 */

/** @type {Record<CallName, { path: string, vendor: 'astrato' | 'databrain' }>} */
export const CALLS = {
  token: { path: '/auth/proxy/m2m/token', vendor: 'astrato' },
  setup: { path: '/oem/setup', vendor: 'astrato' },
  signOut: { path: '/auth/proxy/0/sign_out', vendor: 'astrato' },
  guestToken: { path: '/api/v2/guest-token/create', vendor: 'databrain' },
};
export const CALL_NAMES = /** @type {CallName[]} */ (Object.keys(CALLS));

/**
 * Makes a call's client and fetches what it needs before the fault is armed.
 * @param {CallName} call
 * @param {Clients} clients
 * @param {Urls} urls
 * @returns {Promise<Prepared>}
 */
export async function prepare(call, { AstratoClient, DataBrainClient }, urls) {
  const astrato = () => new AstratoClient({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: urls.astrato, ...TRANSPORT });
  if (call === 'token') return { credential: CLIENT_SECRET, secrets: [CLIENT_SECRET], run: () => astrato().getAccessToken() };
  if (call === 'setup') {
    const client = astrato();
    const token = /** @type {string} */ (await client.getAccessToken());
    return { credential: token, secrets: [token, CLIENT_SECRET], run: () => client.setup({ email: 'ana@acme.test', groupNames: ['Viewers'] }) };
  }
  if (call === 'signOut') return { credential: SESSION, secrets: [SESSION], run: () => astrato().signOut({ cookie: `astrato_session=${SESSION}` }) };
  const databrain = new DataBrainClient({ apiKey: API_KEY, baseUrl: urls.databrain, ...TRANSPORT });
  return { credential: API_KEY, secrets: [API_KEY], run: () => databrain.createGuestToken({ clientId: 'acme', dataAppName: 'Sales App' }) };
}

/**
 * Starts the matrix's emulators on 127.0.0.1: Astrato and DataBrain, which play the faults, and a
 * second Astrato on another origin, the "foreign" one the redirects point to, which counts what
 * reaches it. `clearFaults()` disarms every fault between cells; `close()` stops all three.
 *
 * @example
 * const { emulators, urls, clearFaults, close } = await startMatrixEmulators();
 */
export async function startMatrixEmulators() {
  // Imported here rather than at the top: the bench's cells load this module only to prepare and
  // judge, and measure their memory. Node reaches the build and the tests the sources, by the
  // exports map's conditions.
  const { createAstratoEmulator, createDataBrainEmulator } = await import('@oemkit/server/testing');
  const emulators = {
    astrato: createAstratoEmulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }),
    databrain: createDataBrainEmulator({ apiKey: API_KEY }),
    foreign: createAstratoEmulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }),
  };
  const [astrato, databrain, foreign] = await Promise.all([emulators.astrato.listen(), emulators.databrain.listen(), emulators.foreign.listen()]);
  /** @type {Urls} */
  const urls = { astrato: astrato.url, databrain: databrain.url, foreign: foreign.url };
  return {
    emulators,
    urls,
    clearFaults() {
      emulators.astrato.faults.clear();
      emulators.databrain.faults.clear();
    },
    /** @returns {Promise<void>} */
    async close() {
      await Promise.all([astrato.close(), databrain.close(), foreign.close()]);
    },
  };
}

/**
 * @param {Urls} urls
 * @returns {FaultRow[]}
 */
export function faultRows(urls) {
  /** @type {(outcome: Outcome) => (call: CallName) => Outcome} */
  const exceptSignOut = (outcome) => (call) => (call === 'signOut' ? 'succeeds' : outcome);
  /** @type {(outcome: Outcome) => (call: CallName) => Outcome} */
  const always = (outcome) => () => outcome;
  /** @type {(retryAfter: number | undefined) => (call: CallName) => Outcome} */
  const rateLimited = (retryAfter) =>
    always({ code: 'RATE_LIMITED', retryable: true, ...(retryAfter === undefined ? { fields: { retryAfter: undefined } } : { retryAfterAtLeast: retryAfter - 2 }) });
  const echoed = always({ code: 'API_ERROR', retryable: false, fields: { status: 400, vendorCode: undefined, correlationId: undefined } });
  const tooLarge = exceptSignOut({ code: 'INVALID_RESPONSE', retryable: false });
  return [
    ...[301, 302, 303, 307, 308].map((status) => ({
      name: `redirect ${status} to another origin`,
      action: () => ({ redirect: status, location: `${urls.foreign}/collect?from=oemkit` }),
      // Read when judged: the foreign server's URL is known only once it listens.
      /** @param {CallName} call */
      outcome: (call) => exceptSignOut({ code: 'API_ERROR', retryable: false, fields: { status, redirectOrigin: urls.foreign } })(call),
    })),
    {
      name: 'redirect to a host named after the secret',
      action: (credential) => ({ redirect: 302, location: `https://${credential}.evil.test/collect` }),
      outcome: exceptSignOut({ code: 'API_ERROR', retryable: false, fields: { status: 302, redirectOrigin: undefined } }),
    },
    { name: 'trickled success body', action: () => ({ trickle: { interval: 100 } }), outcome: exceptSignOut({ code: 'TIMEOUT', retryable: true }) },
    { name: 'trickled error body', action: () => ({ trickle: { interval: 100, status: 500 } }), outcome: always({ code: 'TIMEOUT', retryable: true }) },
    { name: 'oversized body, declared', action: () => ({ oversized: { bytes: 256 * 1024 * 1024 } }), outcome: tooLarge },
    { name: 'oversized body, undeclared', action: () => ({ oversized: { bytes: 256 * 1024 * 1024, declareLength: false } }), outcome: tooLarge },
    { name: 'endless body', action: () => ({ endless: {} }), outcome: tooLarge },
    { name: 'endless error body', action: () => ({ endless: { status: 400 } }), outcome: always({ code: 'API_ERROR', retryable: false, fields: { vendorMessage: undefined } }) },
    { name: 'secret echoed in every field and header', action: (credential) => ({ echo: credential }), outcome: echoed },
    { name: 'secret echoed URL-encoded', action: (credential) => ({ echo: `x ${encodeURIComponent(credential)}` }), outcome: echoed },
    { name: 'secret echoed as base64', action: (credential) => ({ echo: btoa(credential) }), outcome: echoed },
    { name: 'client id and secret echoed as base64 (a Basic header)', action: () => ({ echo: btoa(`${CLIENT_ID}:${CLIENT_SECRET}`) }), outcome: echoed, calls: ['token'] },
    { name: 'secret echoed as a prefix', action: (credential) => ({ echo: `starts ${credential.slice(0, 10)}` }), outcome: echoed },
    { name: 'secret echoed upper-cased', action: (credential) => ({ echo: credential.toUpperCase() }), outcome: echoed },
    { name: 'secret echoed four characters at a time', action: (credential) => ({ echo: spaced(credential) }), outcome: echoed },
    { name: 'secret echoed in hex', action: (credential) => ({ echo: hex(credential) }), outcome: echoed },
    { name: 'secret echoed as \\u escapes', action: (credential) => ({ echo: unicodeEscaped(credential) }), outcome: echoed },
    { name: 'Retry-After: soon', action: () => ({ rateLimit: 'soon' }), outcome: rateLimited(undefined) },
    { name: 'Retry-After: Infinity', action: () => ({ rateLimit: 'Infinity' }), outcome: rateLimited(undefined) },
    { name: 'RateLimit-Reset: soon', action: () => ({ rateLimit: 'soon', header: 'ratelimit-reset' }), outcome: rateLimited(undefined) },
    { name: 'X-RateLimit-Reset: Infinity', action: () => ({ rateLimit: 'Infinity', header: 'x-ratelimit-reset' }), outcome: rateLimited(undefined) },
    { name: 'X-Rate-Limit-Reset an hour ahead', action: () => ({ rateLimit: String(Math.floor(Date.now() / 1000) + 3_600), header: 'x-rate-limit-reset' }), outcome: rateLimited(3_600) },
    { name: 'Retry-After beyond maxRetryAfter', action: () => ({ rateLimit: 120 }), outcome: rateLimited(120) },
    { name: 'dropped connection', action: () => ({ drop: true }), outcome: always({ code: 'CONNECTION_ERROR', retryable: true }) },
  ];
}

/**
 * Every way an error reaches a person or a log: message, string, JSON, inspect at full depth.
 * @param {unknown} error
 */
export function renderings(error) {
  const message = error instanceof Error ? error.message : String(error);
  return { message, string: String(error), json: JSON.stringify(error) ?? '', inspect: inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }) };
}

/** @param {string} secret */
const spaced = (secret) => /** @type {string[]} */ (secret.match(/.{1,4}/g)).join(' ');
/** @param {string} secret */
const hex = (secret) => [...new TextEncoder().encode(secret)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
/** @param {string} secret */
const unicodeEscaped = (secret) => [...secret].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

/**
 * A secret and the forms the rows above echo it in, in both cases (a URL lower-cases its host).
 * @param {string} secret
 */
export function forms(secret) {
  const echoed = [secret, encodeURIComponent(secret), btoa(secret), secret.slice(0, 10), spaced(secret), hex(secret), unicodeEscaped(secret)];
  return echoed.flatMap((form) => [form, form.toLowerCase(), form.toUpperCase()]);
}

/**
 * Says what did not hold for one call under one fault; an empty list means everything held.
 * @param {Outcome} outcome
 * @param {{ ok: true } | { ok: false, error: unknown }} result
 * @param {{ secrets: string[], ms: number, foreignHits: number }} facts
 * @returns {string[]}
 */
export function judge(outcome, result, facts) {
  const problems = [];
  if (facts.ms > BOUND) problems.push(`took ${Math.round(facts.ms)} ms`);
  if (facts.foreignHits > 0) problems.push(`${facts.foreignHits} request(s) reached the other origin`);
  if (outcome === 'succeeds' || result.ok) {
    if (outcome !== 'succeeds') problems.push('accepted the answer');
    else if (!result.ok) problems.push(`failed: ${describe(result.error)}`);
    return problems;
  }
  const error = /** @type {Record<string, unknown>} */ (result.error);
  if (error.code !== outcome.code || error.retryable !== outcome.retryable) {
    problems.push(`${describe(error)}, expected ${outcome.code}${outcome.retryable ? ' (retryable)' : ''}`);
  }
  for (const [field, value] of Object.entries(outcome.fields ?? {})) {
    if (error[field] !== value) problems.push(`${field} is ${String(error[field])}, expected ${String(value)}`);
  }
  if (outcome.retryAfterAtLeast !== undefined && !(Number(error.retryAfter) >= outcome.retryAfterAtLeast)) problems.push(`retryAfter is ${String(error.retryAfter)}`);
  const secrets = [...facts.secrets, `${CLIENT_ID}:${CLIENT_SECRET}`].flatMap(forms);
  for (const [where, text] of Object.entries(renderings(error))) {
    if (secrets.some((secret) => text.includes(secret))) problems.push(`a secret in its ${where}`);
  }
  if (causeHoldsRequest(error)) problems.push('its cause holds a request, response or headers');
  return problems;
}

/** @param {unknown} error */
function describe(error) {
  const { code, retryable, name } = /** @type {Record<string, unknown>} */ (error ?? {});
  return code === undefined ? `${String(name)} (not an oemkit error)` : `${String(code)}${retryable ? ' (retryable)' : ''}`;
}

/** @param {unknown} error */
function causeHoldsRequest(error) {
  let cause = error instanceof Error ? error.cause : undefined;
  for (let depth = 0; cause !== undefined && depth < 10; depth++) {
    const values = Object.values(Object.getOwnPropertyDescriptors(cause)).map((descriptor) => /** @type {unknown} */ (descriptor.value));
    if (values.some((value) => value instanceof Request || value instanceof Response || value instanceof Headers)) return true;
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return false;
}
