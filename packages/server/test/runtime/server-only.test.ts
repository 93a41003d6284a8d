import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { AstratoClient, DataBrainClient, UnsupportedEnvironmentError } from '../../src/index.js';

const globals = globalThis as { window?: unknown; document?: unknown };
afterEach(() => {
  delete globals.window;
  delete globals.document;
});

describe('server-only enforcement', () => {
  it('refuses to construct a client in a browser page', () => {
    globals.window = {};
    globals.document = {};
    expect(() => new AstratoClient({ clientId: 'id', clientSecret: 'secret' })).toThrow(UnsupportedEnvironmentError);
    expect(() => new DataBrainClient({ apiKey: 'key' })).toThrow(/server-only/);
  });

  it('constructs in a worker-like runtime that has no document', () => {
    globals.window = undefined;
    expect(() => new AstratoClient({ clientId: 'id', clientSecret: 'secret' })).not.toThrow();
  });

  it('throws when the browser build of the package is loaded', async () => {
    await expect(import('../../src/browser-guard.js')).rejects.toThrow(/server-only and was bundled for a browser/);
  });

  it('points every entry at the guard under the browser condition', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      exports: Record<string, Record<string, unknown> | string>;
    };
    for (const [entry, conditions] of Object.entries(manifest.exports)) {
      if (entry === './package.json') continue;
      const keys = Object.keys(conditions as object);
      expect((conditions as Record<string, { default: string }>).browser!.default).toBe('./dist/browser-guard.js');
      expect(keys.indexOf('browser')).toBeLessThan(keys.indexOf('import'));
    }
  });
});
