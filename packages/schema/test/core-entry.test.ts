import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { catchError } from '@oemkit/test-support/catch-error';
import * as core from '../src/core/index.js';
import * as main from '../src/index.js';

const { readBaseUrl, ValidationError } = core;

describe('the core entry', () => {
  it('pulls in no zod, so the page can import it', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../src/core/index.ts', import.meta.url))],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'browser',
      logLevel: 'silent',
    });
    expect(Object.keys(result.metafile.inputs).filter((input) => input.includes('node_modules'))).toEqual([]);
  });

  it('is re-exported whole by the main entry', () => {
    for (const name of Object.keys(core)) expect(main[name as keyof typeof main], name).toBe(core[name as keyof typeof core]);
  });

  it('states Astrato’s lifetimes once: ticket 60 s, m2m token 10 min, session 7 days', () => {
    expect([core.TICKET_LIFETIME, core.TOKEN_LIFETIME_LIMIT, core.SESSION_LIFETIME]).toEqual([60_000, 600_000, 604_800_000]);
    expect(core.ASTRATO_DEFAULT_BASE_URL).toBe('https://app.astrato.io');
  });
});

describe('readBaseUrl', () => {
  const problemWith = (value: unknown, keepPath = false) =>
    catchError(ValidationError, () => readBaseUrl(value, 'AstratoClient options', undefined, keepPath)).issues[0]!;

  it('returns the origin, with or without a trailing slash', () => {
    for (const value of ['https://acme.astrato.io', 'https://acme.astrato.io/', 'https://acme.astrato.io//']) {
      expect(readBaseUrl(value, 'options')).toBe('https://acme.astrato.io');
    }
    expect(readBaseUrl('http://127.0.0.1:4010', 'options')).toBe('http://127.0.0.1:4010');
  });

  it('refuses a path, naming what was given and the origin to use instead', () => {
    const issue = problemWith('https://app.astrato.io/app');
    expect(issue.path).toEqual(['baseUrl']);
    expect(issue.message).toBe('must be an origin such as https://app.astrato.io, without a path: use https://app.astrato.io, not https://app.astrato.io/app');
  });

  it('keeps a path when asked (a self-hosted DataBrain behind one), without trailing slashes', () => {
    expect(readBaseUrl('https://bi.example.com/databrain/', 'options', 'https://api.usedatabrain.com', true)).toBe('https://bi.example.com/databrain');
  });

  it('refuses credentials, a query or a fragment without quoting them', () => {
    for (const [value, message] of [
      ['https://user:s3cret@app.astrato.io', /credentials/],
      ['https://app.astrato.io/?token=s3cret', /query or fragment/],
      ['https://app.astrato.io/app#s3cret', /query or fragment/],
    ] as const) {
      const issue = problemWith(value, true);
      expect(issue.message).toMatch(message);
      expect(issue.message).not.toContain('s3cret');
    }
  });

  it('never quotes a value that is not an http(s) URL: it may be a secret in the wrong option', () => {
    for (const value of ['s3cret-client-secret', 'ftp://s3cret.test', 'javascript:s3cret', '', undefined, 42]) {
      const issue = problemWith(value);
      expect(issue.message).toBe('must be an absolute URL such as https://app.astrato.io (http only for a local emulator)');
    }
  });
});
