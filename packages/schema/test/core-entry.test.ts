import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { catchError } from '@oemkit/test-support/catch-error';
import * as core from '../src/core.js';
import { ValidationError } from '../src/errors.js';
import * as main from '../src/index.js';
import { readAstratoOrigin, readUrl } from '../src/internal.js';

// The entries a page may import: each must stay free of zod.
const ZOD_FREE_ENTRIES = ['core', 'errors', 'internal'];

describe('the core entry', () => {
  it.each(ZOD_FREE_ENTRIES)('%s pulls in no zod, so the page can import it', async (entry) => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL(`../src/${entry}.ts`, import.meta.url))],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'browser',
      logLevel: 'silent',
    });
    expect(Object.keys(result.metafile.inputs).filter((input) => input.includes('node_modules'))).toEqual([]);
  });

  it('declares no class field, which a bundler lowering to es2020 would turn into a helper call per field', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../src/core.ts', import.meta.url))],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2020',
      logLevel: 'silent',
    });
    expect(result.outputFiles[0]!.text).not.toMatch(/__publicField|__defNormalProp/);
  });

  it('is re-exported whole by the main entry', () => {
    for (const name of Object.keys(core)) expect(main[name as keyof typeof main], name).toBe(core[name as keyof typeof core]);
  });

  it('states Astrato’s lifetimes once: ticket 60 s, m2m token 10 min, session 7 days', () => {
    expect([core.TICKET_LIFETIME, core.TOKEN_LIFETIME_LIMIT, core.SESSION_LIFETIME]).toEqual([60_000, 600_000, 604_800_000]);
    expect(core.ASTRATO_DEFAULT_BASE_URL).toBe('https://app.astrato.io');
  });
});

describe('readAstratoOrigin', () => {
  const problemWith = (value: unknown) => catchError(ValidationError, () => readAstratoOrigin(value)).issues;

  it('returns the origin, with or without a trailing slash, and Astrato’s cloud for undefined', () => {
    for (const value of ['https://acme.astrato.io', 'https://acme.astrato.io/', 'https://acme.astrato.io//']) {
      expect(readAstratoOrigin(value)).toBe('https://acme.astrato.io');
    }
    expect(readAstratoOrigin('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
    expect(readAstratoOrigin(undefined)).toBe('https://app.astrato.io');
  });

  it('refuses a path, a query or credentials, showing the origin to use', () => {
    for (const value of ['https://acme.astrato.io/app', 'https://acme.astrato.io/?tenant=s3cret', 'https://user:s3cret@acme.astrato.io', 'https://acme.astrato.io/#s3cret']) {
      expect(problemWith(value)).toEqual([{ path: ['baseUrl'], message: 'must be an origin such as https://acme.astrato.io, with no path' }]);
    }
  });

  it('never quotes a value that is not an http(s) URL: it may be a secret in the wrong option', () => {
    for (const value of ['s3cret-client-secret', 'app.astrato.io', 'ftp://s3cret.test', 'javascript:s3cret', '', null, 42, new URL('https://acme.astrato.io')]) {
      expect(problemWith(value)).toEqual([{ path: ['baseUrl'], message: 'must be an http(s) URL' }]);
    }
  });
});

describe('readUrl', () => {
  it('keeps the whole URL, path and query included, and names the option it refuses', () => {
    expect(readUrl('https://app.astrato.io/embed/AbC123?variable=vTop:10', 'embedUrl').href).toBe('https://app.astrato.io/embed/AbC123?variable=vTop:10');
    expect(catchError(ValidationError, () => readUrl('/embed/AbC123', 'embedUrl')).message).toBe('Invalid options: embedUrl: must be an http(s) URL');
  });
});
