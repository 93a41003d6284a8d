// @ts-check
/**
 * The direction of imports inside a package's `src`, checked by each package's architecture test.
 * Each package lists its folders from the top (what users call) to the bottom (what everything
 * leans on); a file may import its own folder and folders below it, never one above, never a
 * peer on the same level, and never an entry file (the top of `src` is the exports map's).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * @typedef {{ from: string, to: string }} SourceImport  paths relative to `src`, with `/`
 * @typedef {(string | string[])[]} Layers  top first; an array is one level of peers
 */

/** @param {string} dir @returns {string[]} */
function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const SPECIFIER = /(?:\bfrom\s+|\bimport\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\1/g;

/**
 * Every relative import between the source files of `srcDir`, type-only ones included (a type
 * import upward couples the layers as much as a value import).
 *
 * @example
 * const imports = sourceImports(fileURLToPath(new URL('../src', import.meta.url)));
 * // [{ from: 'handlers/ticket-handler.ts', to: 'astrato/astrato-client.ts' }, ...]
 *
 * @param {string} srcDir
 * @returns {SourceImport[]}
 */
export function sourceImports(srcDir) {
  const root = resolve(srcDir);
  const name = (/** @type {string} */ path) => relative(root, path).split(sep).join('/');
  return sourceFiles(root).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(SPECIFIER)].map(([, , specifier]) => ({
      from: name(file),
      to: name(resolve(dirname(file), /** @type {string} */ (specifier)).replace(/\.js$/, '.ts')),
    })),
  );
}

/**
 * The imports that break the package's layering, each as a sentence; none when it holds. A
 * folder missing from `layers` is a break too, so a new folder has to be given its place.
 *
 * @example
 * expect(layeringBreaks(sourceImports(src), ['handlers', ['astrato', 'databrain'], 'transport'])).toEqual([]);
 *
 * @param {SourceImport[]} imports
 * @param {Layers} layers
 * @returns {string[]}
 */
export function layeringBreaks(imports, layers) {
  /** @type {Map<string, number>} */
  const level = new Map();
  layers.forEach((entry, index) => (Array.isArray(entry) ? entry : [entry]).forEach((folder) => level.set(folder, index)));
  const folderOf = (/** @type {string} */ path) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : undefined);
  /** @type {string[]} */
  const breaks = [];
  for (const { from, to } of imports) {
    const source = folderOf(from);
    const target = folderOf(to);
    if (source === undefined) continue; // an entry file: it may re-export any room
    for (const folder of [source, target]) {
      if (folder !== undefined && !level.has(folder)) breaks.push(`${folder}/ has no place in the layers (${from})`);
    }
    if (target === undefined) breaks.push(`${from} imports the entry file ${to}`);
    else if (source !== target && level.has(source) && level.has(target)) {
      const [a, b] = [/** @type {number} */ (level.get(source)), /** @type {number} */ (level.get(target))];
      if (b < a) breaks.push(`${from} imports ${to}, a layer above it`);
      else if (b === a) breaks.push(`${from} imports ${to}, a peer on its own layer`);
    }
  }
  return [...new Set(breaks)];
}
