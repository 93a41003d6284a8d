import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

describe('the OpenTelemetry lookup, bundled', () => {
  it('leaves no import of @opentelemetry/api for a bundler to resolve, so an edge bundle builds without it', async () => {
    // As an edge build bundles the server (esbuild, which wrangler and Bun's bundler resemble:
    // neither reads webpack's or Vite's ignore comments). Everything else is left external: only
    // a reference to the API, static or dynamic, can reach the error this test watches for.
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      conditions: ['worker'],
      mainFields: ['module', 'main'],
      logLevel: 'silent',
      plugins: [
        {
          name: 'only-opentelemetry',
          setup(pluginBuild) {
            pluginBuild.onResolve({ filter: /^@opentelemetry\// }, (args) => ({ errors: [{ text: `Could not resolve "${args.path}"` }] }));
            pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => ({ path: args.path, external: true }));
          },
        },
      ],
    }).catch((error: { errors?: { text: string }[] }) => ({ errors: error.errors ?? [{ text: String(error) }], outputFiles: [] }));
    expect(result.errors.map((error) => error.text)).toEqual([]);
    expect(result.outputFiles[0]?.text).not.toMatch(/@opentelemetry\/api/);
  });
});
