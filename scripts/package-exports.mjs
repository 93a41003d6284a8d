// The exports maps are the one list of entry points. Each public entry carries the custom
// condition `@oemkit/source`, pointing at its TypeScript source: TypeScript (`customConditions`),
// vitest (`resolve.conditions`) and esbuild in the browser tests resolve through it, and this
// module reads it for the build (tsup) and the API reference (typedoc). Outside this repository no
// one sets the condition, so the published packages resolve to dist/ as usual.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SOURCE_CONDITION = '@oemkit/source';

/**
 * The subpath through which oemkit's own packages share what users should not rely on: built and
 * published like any entry, but outside semver, so it has no page in the API reference and no
 * list of promised names.
 */
export const INTERNAL_SUBPATH = './internal';

/**
 * @typedef {{ name: string, private?: boolean, dependencies?: Record<string, string>, exports?: Record<string, any> }} Manifest
 * @typedef {{ dir: string, manifest: Manifest }} WorkspacePackage
 */

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The published packages (packages/* that are not private), each after the ones it depends on.
 * @returns {WorkspacePackage[]}
 */
export function publishedPackages() {
  /** @type {WorkspacePackage[]} */
  const packages = readdirSync(join(root, 'packages'))
    .map((name) => ({ dir: join(root, 'packages', name), manifest: JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private);
  /** @type {(manifest: Manifest) => number} */
  const depth = (manifest) =>
    Math.max(0, ...packages.filter((other) => other.manifest.name in (manifest.dependencies ?? {})).map((other) => 1 + depth(other.manifest)));
  return packages.sort((a, b) => depth(a.manifest) - depth(b.manifest) || a.manifest.name.localeCompare(b.manifest.name));
}

/**
 * `{ subpath, source, dist }` for each entry of an exports map: `dist` is the built file's name
 * without extension (`./dist/cli-entry.js` → `cli-entry`), as tsup names it. Throws for an entry
 * without the source condition, so a new entry cannot be half-declared.
 * @param {Manifest} manifest
 * @returns {{ subpath: string, source: string, dist: string }[]}
 */
export function sourceEntries(manifest) {
  return Object.entries(manifest.exports ?? {}).flatMap(([subpath, target]) => {
    if (subpath === './package.json') return [];
    const source = typeof target === 'object' ? target[SOURCE_CONDITION] : undefined;
    if (typeof source !== 'string') throw new Error(`${manifest.name} exports ${subpath} without a "${SOURCE_CONDITION}" condition pointing at its source`);
    const built = target.import?.default ?? target.default;
    return [{ subpath, source, dist: basename(built, '.js') }];
  });
}

/**
 * tsup's `entry` for a package: built name → source file, from its exports map.
 * @param {Manifest} manifest
 * @returns {Record<string, string>}
 */
export function tsupEntries(manifest) {
  return Object.fromEntries(sourceEntries(manifest).map(({ source, dist }) => [dist, source.replace(/^\.\//, '')]));
}
