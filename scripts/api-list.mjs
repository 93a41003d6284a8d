#!/usr/bin/env node
// Prints each published package's public surface per entry (values and types) and, with --write,
// records it as the package's api.json: the list its public-API test holds the entries to. Adding
// or removing an export is then a reviewed change to that list, not an accident.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiSurface } from '@oemkit/test-support/api-surface';
import { INTERNAL_SUBPATH, publishedPackages } from './package-exports.mjs';

const write = process.argv.includes('--write');
for (const { dir, manifest } of publishedPackages()) {
  const surface = apiSurface(dir);
  delete surface[INTERNAL_SUBPATH];
  for (const [subpath, { values, types }] of Object.entries(surface)) {
    console.log(`${`${manifest.name}${subpath.slice(1)}`.padEnd(26)} ${String(values.length).padStart(3)} values ${String(types.length).padStart(3)} types`);
  }
  if (write) writeFileSync(join(dir, 'api.json'), `${JSON.stringify(surface, null, 2)}\n`);
}
