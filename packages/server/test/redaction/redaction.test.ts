import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { AstratoClient, DataBrainClient } from '../../src/index.js';
import { REDACTED, createRedactor, redactText, redactUrl } from '../../src/redaction/redact.js';
import { useMswServer } from '@oemkit/test-support/msw';

const BASE = 'https://tenant.astrato.test';
const DATABRAIN = 'https://databrain.test';
const SECRET = 'client-secret-Zq81';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtMm0ifQ.c2lnbmF0dXJl';
const API_KEY = 'dbn-api-key-7Hk2';
const server = useMswServer();

/** Every way a secret could leave through an error. */
function surfaces(error: unknown): string[] {
  return [String(error), (error as Error).message, JSON.stringify(error), inspect(error, { depth: 10 }), (error as Error).stack ?? ''];
}

function expectNoSecret(error: unknown, ...secrets: string[]) {
  expect(error).toBeInstanceOf(Error);
  for (const surface of surfaces(error)) for (const secret of secrets) expect(surface).not.toContain(secret);
}

describe('secrets in Astrato errors', () => {
  it('redacts the client secret when the vendor echoes it in an error message', async () => {
    server.use(http.post(`${BASE}/auth/proxy/m2m/token`, () => HttpResponse.json({ message: `bad secret ${SECRET}` }, { status: 401 })));
    const error = await new AstratoClient({ clientId: 'id', clientSecret: SECRET, baseUrl: BASE }).getAccessToken().catch((e: unknown) => e);
    expectNoSecret(error, SECRET);
    expect((error as Error).message).toContain(`bad secret ${REDACTED}`);
  });

  it('redacts the access token when the vendor echoes it, as a bearer header or bare', async () => {
    server.use(
      http.post(`${BASE}/auth/proxy/m2m/token`, () => HttpResponse.json({ access_token: TOKEN, expires_in: 600 })),
      http.post(`${BASE}/oem/setup`, () => HttpResponse.json({ message: `rejected Bearer ${TOKEN} and ${TOKEN}` }, { status: 400 })),
    );
    const error = await new AstratoClient({ clientId: 'id', clientSecret: SECRET, baseUrl: BASE }).setup({ email: 'a@b.co' }).catch((e: unknown) => e);
    expectNoSecret(error, TOKEN, SECRET);
  });

  it('redacts an opaque (non-JWT) access token echoed bare, as sent in the request header', async () => {
    const opaque = 'opaque-m2m-token-77aa';
    server.use(
      http.post(`${BASE}/auth/proxy/m2m/token`, () => HttpResponse.json({ access_token: opaque, expires_in: 600 })),
      http.post(`${BASE}/oem/setup`, () => HttpResponse.json({ message: `token ${opaque} lacks scope` }, { status: 403 })),
    );
    const error = await new AstratoClient({ clientId: 'id', clientSecret: SECRET, baseUrl: BASE }).setup({ email: 'a@b.co' }).catch((e: unknown) => e);
    expectNoSecret(error, opaque);
    expect((error as Error).message).toContain(`token ${REDACTED} lacks scope`);
  });

  it('keeps secrets out of timeout, connection and invalid-response errors', async () => {
    for (const answer of [() => HttpResponse.error(), () => new HttpResponse(`{"access_token": "${TOKEN}"`)]) {
      server.use(http.post(`${BASE}/auth/proxy/m2m/token`, answer));
      const error = await new AstratoClient({ clientId: 'id', clientSecret: SECRET, baseUrl: BASE, retry: 0 }).getAccessToken().catch((e: unknown) => e);
      expectNoSecret(error, SECRET, TOKEN);
    }
  });

  it('shows neither the secret nor the token when the client is inspected or serialised', async () => {
    server.use(http.post(`${BASE}/auth/proxy/m2m/token`, () => HttpResponse.json({ access_token: TOKEN, expires_in: 600 })));
    const client = new AstratoClient({ clientId: 'id', clientSecret: SECRET, baseUrl: BASE });
    await client.getAccessToken();
    for (const view of [inspect(client, { depth: 10, showHidden: true }), JSON.stringify(client), String(Object.entries(client))]) {
      expect(view).not.toContain(SECRET);
      expect(view).not.toContain(TOKEN);
    }
    expect(JSON.parse(JSON.stringify(client))).toEqual({ baseUrl: BASE });
  });

  it('fails with a typed error when a secret cannot be percent-encoded (a lone surrogate)', async () => {
    const error = await new AstratoClient({ clientId: 'id', clientSecret: SECRET, baseUrl: BASE, retry: 0 })
      .signOut({ cookie: 'astrato_session=s3ss10n\ud800' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR' });
    expectNoSecret(error, 's3ss10n');
  });

  it('keeps the session cookie out of a failed sign-out error', async () => {
    server.use(http.get(`${BASE}/auth/proxy/0/sign_out`, () => HttpResponse.json({ message: 'cookie astrato_session=s3ss10n invalid' }, { status: 500 })));
    const error = await new AstratoClient({ clientId: 'id', clientSecret: SECRET, baseUrl: BASE, retry: 0 })
      .signOut({ cookie: 'astrato_session=s3ss10n' })
      .catch((e: unknown) => e);
    expectNoSecret(error, 's3ss10n');
    expect((error as Error).message).toContain(`cookie ${REDACTED} invalid`);
  });
});

describe('secrets in DataBrain errors', () => {
  it('redacts the API key from vendor messages and keeps it out of every surface', async () => {
    server.use(http.post(`${DATABRAIN}/api/v2/guest-token/create`, () => HttpResponse.json({ error: { code: 'AUTHENTICATION_ERROR', message: `key ${API_KEY} unknown` } }, { status: 401 })));
    const client = new DataBrainClient({ apiKey: API_KEY, baseUrl: DATABRAIN });
    const error = await client.createGuestToken({ clientId: 'c', dataAppName: 'a' }).catch((e: unknown) => e);
    expectNoSecret(error, API_KEY);
    expect(inspect(client, { showHidden: true })).not.toContain(API_KEY);
    expect(JSON.stringify(client)).not.toContain(API_KEY);
  });
});

describe('redactUrl', () => {
  it('redacts secret-looking query parameters and user info', () => {
    expect(redactUrl('https://u:p@x.test/a?client_secret=s&token=t&apiKey=k&page=2')).toBe(
      `https://x.test/a?client_secret=${REDACTED}&token=${REDACTED}&apiKey=${REDACTED}&page=2`,
    );
  });

  it('leaves a URL without secrets untouched', () => {
    expect(redactUrl('https://app.astrato.io/oem/setup')).toBe('https://app.astrato.io/oem/setup');
  });
});

describe('redactText', () => {
  it('redacts bearer and basic credentials whatever their case', () => {
    expect(redactText('authorization: bearer abc.def and Basic dXNlcjpwYXNz', [])).toBe(`authorization: bearer ${REDACTED} and Basic ${REDACTED}`);
  });

  it('does not treat short values as secrets to avoid mangling text', () => {
    expect(redactText('abc', ['ab'])).toBe('abc');
  });

  it('removes a secret in each usual encoding: URL-, form- and JSON-encoded, base64 and base64url', () => {
    const secret = 'S3cr3t/with+odd chars"&é';
    const encodings = [
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/%[\dA-F]{2}/g, (escape) => escape.toLowerCase()),
      new URLSearchParams({ s: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('base64url'),
    ];
    for (const encoded of encodings) expect(redactText(`echo: ${encoded} end`, [secret])).toBe(`echo: ${REDACTED} end`);
  });

  it('removes a secret base64-encoded inside a longer value, at every byte offset', () => {
    for (const prefix of ['', 'a', 'ab', 'my-client-id:', '{"clientSecret":"']) {
      const encoded = Buffer.from(`${prefix}${SECRET}`).toString('base64');
      const text = redactText(`credentials ${encoded}`, [SECRET]);
      expect(text).toContain(REDACTED);
      // What is left is at most the prefix's own characters and a boundary character or two.
      expect(text.length).toBeLessThanOrEqual(`credentials ${REDACTED}`.length + Math.ceil((prefix.length * 4) / 3) + 4);
    }
  });

  it('removes any eight-character run copied from a secret, such as a prefix or a cut-off echo', () => {
    const secret = 'Zq81-very-long-client-secret-value';
    expect(redactText(`secret starts ${secret.slice(0, 12)}...`, [secret])).toBe(`secret starts ${REDACTED}...`);
    expect(redactText(`tail ${secret.slice(-9)}`, [secret])).toBe(`tail ${REDACTED}`);
    expect(redactText('nothing here resembles it', [secret])).toBe('nothing here resembles it');
  });

  it('removes a secret echoed in another case, as a hostname or a shouted message has it', () => {
    const secret = 'Zq81xYvB3kLmN0pR';
    expect(redactText(`https://${secret.toLowerCase()}.evil.test`, [secret])).toBe(`https://${REDACTED}.evil.test`);
    expect(redactText(`BAD SECRET ${secret.toUpperCase()}!`, [secret])).toBe(`BAD SECRET ${REDACTED}!`);
    expect(createRedactor([secret]).clean(secret.toLowerCase())).toBeUndefined();
  });

  it('removes a secret with whitespace inserted, as a wrapped or grouped echo has it', () => {
    const secret = 'Zq81xYvB3kLmN0pR';
    expect(redactText(`got ${secret.match(/.{1,4}/g)!.join(' ')} end`, [secret])).toBe(`got ${REDACTED} end`);
    expect(redactText(`got ${secret.slice(0, 7)}\n  ${secret.slice(7)} end`, [secret])).toBe(`got ${REDACTED} end`);
    expect(redactText(`wrapped ${Buffer.from(secret.repeat(6)).toString('base64').match(/.{1,19}/g)!.join('\r\n')}`, [secret.repeat(6)])).toBe(
      `wrapped ${REDACTED}`,
    );
  });

  it('removes a secret written with escapes, hex or a second URL encoding, whole or in part', () => {
    const secret = 'S3cr3t/with+odd&chars"<é>';
    const escapes = [
      [...secret].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
      JSON.stringify(secret).slice(1, -1).replaceAll('/', '\\/').replace(/[<>&é]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`),
      secret.replace(/[&"<>]/g, (char) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[char]!),
      [...secret].map((char) => `&#${char.charCodeAt(0)};`).join(''),
      [...secret].map((char) => `&#x${char.charCodeAt(0).toString(16)};`).join(''),
      encodeURIComponent(encodeURIComponent(secret)),
      Buffer.from(secret).toString('hex'),
      Buffer.from(secret).toString('hex').toUpperCase(),
    ];
    for (const escaped of escapes) expect(redactText(`echo: ${escaped} end`, [secret]), escaped).toBe(`echo: ${REDACTED} end`);
  });

  it('leaves ordinary text alone, escapes and all', () => {
    const text = 'Invalid client (see https://docs.test/a%20b?x=1&amp;y=2) \\u00e9 &lt;br&gt; 0xDEADBEEF';
    expect(redactText(text, ['Zq81xYvB3kLmN0pR', 'dbn-api-key-7Hk2'])).toBe(text);
  });

  it('keeps an identifier only when nothing in it would be redacted', () => {
    expect(createRedactor([SECRET]).clean('CLIENT_ID_ERROR')).toBe('CLIENT_ID_ERROR');
    expect(createRedactor([SECRET]).clean(SECRET)).toBeUndefined();
    expect(createRedactor([SECRET]).clean(`X${SECRET.slice(0, 8)}`)).toBeUndefined();
    expect(createRedactor([SECRET]).clean(undefined)).toBeUndefined();
  });

  it('finds JWTs in time linear in the text, however many could start in it', () => {
    // Every `-eyJ` could begin a JWT; a regex that tries each one across 8 KiB took seconds here.
    const starts = 'eyJ-'.repeat(256 * 1024);
    const started = performance.now();
    expect(redactText(starts, [])).toBe(starts);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('still finds a JWT between two dots, after a hyphen, or at the end of the text', () => {
    expect(redactText(`token: ${TOKEN}.`, [])).toBe(`token: ${REDACTED}.`);
    expect(redactText(`x-${TOKEN} and eyJ.a.b and eyJa.b`, [])).toBe(`x-${REDACTED} and eyJ.a.b and eyJa.b`);
    expect(redactText(`a.${TOKEN}`, [])).toBe(`a.${REDACTED}`);
    expect(redactText('eyJa..c eyJa.b.', [])).toBe(`eyJa..c ${REDACTED}`);
  });

  it('finishes on adversarial input without catastrophic backtracking', () => {
    // A vulnerable pattern would take minutes here; the test timeout catches that.
    const adversarial = `bearer ${'a'.repeat(200_000)}! eyJ${'-'.repeat(200_000)}. ${SECRET.slice(0, 7).repeat(20_000)}`;
    expect(redactText(adversarial, [SECRET, TOKEN]).length).toBeGreaterThan(0);
  });
});
