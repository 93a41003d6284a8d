import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOG_EVENTS } from '../../src/observability/log-events.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const source = join(root, 'packages/server/src');

/** The rows of the events table in docs/observability.md: name, level and source, as written. */
function documentedEvents(): Record<string, { level: string; from: string }> {
  const guide = readFileSync(join(root, 'docs/observability.md'), 'utf8');
  const section = guide.slice(guide.indexOf('### Events'), guide.indexOf('### What is never in an event'));
  const rows = section.split('\n').filter((line) => line.startsWith('| `oemkit.'));
  return Object.fromEntries(
    rows.map((row) => {
      const [name, level, from] = row.slice(2).split(' | ');
      return [name!.replaceAll('`', ''), { level: level!, from: from! }];
    }),
  );
}

/** Every `.ts` file under the server's sources but the list itself, as one text. */
function sourcesOutsideTheList(): string {
  return (readdirSync(source, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts') && !file.endsWith('log-events.ts'))
    .map((file) => readFileSync(join(source, file), 'utf8'))
    .join('\n');
}

describe('the log events', () => {
  it('are documented in docs/observability.md exactly as the code lists them: names, levels, cadence and sources', () => {
    expect(documentedEvents()).toEqual(LOG_EVENTS);
  });

  it('are each written somewhere in the sources, so the list holds no event that never happens', () => {
    const code = sourcesOutsideTheList();
    expect(Object.keys(LOG_EVENTS).filter((name) => !code.includes(`'${name}'`))).toEqual([]);
  });
});
