import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { layeringBreaks, sourceImports } from '@oemkit/test-support/import-graph';

// Top first; a file imports its own folder or folders below it. The package README says why.
const LAYERS = ['cli', 'testing', 'adapters', 'handlers', ['astrato', 'databrain'], 'token', 'transport', 'observability', 'redaction', 'runtime'];

describe('the folders of @oemkit/server', () => {
  it('import only downward, never a peer, never an entry file', () => {
    expect(layeringBreaks(sourceImports(fileURLToPath(new URL('../src', import.meta.url))), LAYERS)).toEqual([]);
  });

  it('names an upward import, a peer import and an unplaced folder when one appears', () => {
    const imports = [
      { from: 'transport/http-client.ts', to: 'handlers/ticket-handler.ts' },
      { from: 'astrato/astrato-client.ts', to: 'databrain/databrain-client.ts' },
      { from: 'widgets/a.ts', to: 'runtime/deadline.ts' },
      { from: 'token/token-cache.ts', to: 'index.ts' },
    ];
    expect(layeringBreaks(imports, LAYERS)).toEqual([
      'transport/http-client.ts imports handlers/ticket-handler.ts, a layer above it',
      'astrato/astrato-client.ts imports databrain/databrain-client.ts, a peer on its own layer',
      'widgets/ has no place in the layers (widgets/a.ts)',
      'token/token-cache.ts imports the entry file index.ts',
    ]);
  });
});
