import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMIT } from '../../src/index.js';

const GUIDES = ['README.md', 'docs/getting-started.md', 'docs/production.md'];
const read = (path: string) => readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8').replace(/\s+/g, ' ');

describe('DEFAULT_RATE_LIMIT in the guides', () => {
  it.each(GUIDES)('%s names it with the numbers the code has', (guide) => {
    const mentions = [...read(guide).matchAll(/`DEFAULT_RATE_LIMIT` \((\d+) tokens per user every (\d+) seconds\)/g)];
    expect(mentions.length).toBeGreaterThan(0);
    for (const [, points, duration] of mentions) expect({ points: Number(points), duration: Number(duration) }).toEqual(DEFAULT_RATE_LIMIT);
  });

  it.each(GUIDES)('%s links to the derivation in its doc comment and says a kept session is not counted', (guide) => {
    const text = read(guide);
    expect(text).toMatch(/\[why this number\]\((\.\.\/)?packages\/server\/src\/handlers\/rate-limit\.ts\)/);
    expect(text).toMatch(/not counted/);
  });

  it('production.md no longer tells hosts to wrap the handler in a limiter of their own', () => {
    expect(read('docs/production.md')).not.toMatch(/limiter\.allow\(/);
  });
});
