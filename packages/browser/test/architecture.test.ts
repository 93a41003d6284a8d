import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { layeringBreaks, sourceImports } from '@oemkit/test-support/import-graph';

// Top first; a file imports its own folder or folders below it. The package README says why.
const LAYERS = [['element', 'react'], ['embed', 'databrain'], 'session', 'links', 'exchange'];

describe('the folders of @oemkit/browser', () => {
  it('import only downward, never a peer, never an entry file', () => {
    expect(layeringBreaks(sourceImports(fileURLToPath(new URL('../src', import.meta.url))), LAYERS)).toEqual([]);
  });
});
