import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { apiSurface } from '@oemkit/test-support/api-surface';
import { INTERNAL_SUBPATH } from '../../../scripts/package-exports.mjs';

describe('the public surface of @oemkit/browser', () => {
  it('is exactly the names its api.json promises, entry by entry (node scripts/api-list.mjs --write records a deliberate change)', () => {
    const surface = apiSurface(fileURLToPath(new URL('..', import.meta.url)));
    delete surface[INTERNAL_SUBPATH];
    expect(surface).toEqual(JSON.parse(readFileSync(new URL('../api.json', import.meta.url), 'utf8')));
    // A TypeScript program over the package's sources: seconds on a busy 2-core machine.
  }, 60_000);
});
