// The recipes docs/frameworks.md shows are the apps the matrix runs: each region between
// `// recipe:start NAME` and `// recipe:end` in apps/ must appear in the guide, line for line.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const apps = fileURLToPath(new URL('apps', import.meta.url));
const guide = fileURLToPath(new URL('../../docs/frameworks.md', import.meta.url));

/** The names of the recipes that are not in the guide as they are in apps/ (none when all are). */
export function recipesMissingFromDocs() {
  const docs = readFileSync(guide, 'utf8');
  const missing = [];
  for (const file of readdirSync(apps)) {
    const source = readFileSync(`${apps}/${file}`, 'utf8');
    for (const [, name, body] of source.matchAll(/\/\/ recipe:start (\S+)\n([\s\S]*?)\/\/ recipe:end\n/g)) {
      if (!docs.includes(body)) missing.push(`${name} (${file})`);
    }
  }
  return missing;
}
