// @ts-check
/**
 * The public surface of a published package: for each entry of its exports map, the names it
 * exports, values and types apart, read by TypeScript from the entry's source. Each package keeps
 * the list it promises in `api.json`; its public-API test compares the two, so no export appears
 * or leaves without a reviewed change to that list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const SOURCE_CONDITION = '@oemkit/source';

/**
 * @typedef {{ values: string[], types: string[] }} EntrySurface
 * @typedef {Record<string, EntrySurface>} PackageSurface  by subpath ('.', './core', ...)
 */

/**
 * Reads every entry of the package in `packageDir`.
 *
 * @example
 * const surface = apiSurface(fileURLToPath(new URL('..', import.meta.url)));
 * surface['.'].values; // ['AstratoClient', 'createTicketHandler', ...]
 *
 * @param {string} packageDir
 * @returns {PackageSurface}
 */
export function apiSurface(packageDir) {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const entries = Object.entries(manifest.exports)
    .filter(([subpath]) => subpath !== './package.json')
    .map(([subpath, target]) => ({ subpath, file: join(packageDir, target[SOURCE_CONDITION]) }));
  const program = ts.createProgram(
    entries.map((entry) => entry.file),
    {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      customConditions: [SOURCE_CONDITION],
      jsx: ts.JsxEmit.ReactJSX,
      skipLibCheck: true,
      noEmit: true,
    },
  );
  const checker = program.getTypeChecker();
  /** @type {PackageSurface} */
  const surface = {};
  for (const { subpath, file } of entries) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`${file}: not a module`);
    /** @type {EntrySurface} */
    const names = { values: [], types: [] };
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const typeOnly = !(target.flags & ts.SymbolFlags.Value) || isTypeOnlyExport(symbol);
      (typeOnly ? names.types : names.values).push(symbol.name);
    }
    names.values.sort();
    names.types.sort();
    surface[subpath] = names;
  }
  return surface;
}

/** `export type { X }` of a class or constant exports only its type. @param {ts.Symbol} symbol */
function isTypeOnlyExport(symbol) {
  return (symbol.declarations ?? []).some(
    (declaration) => ts.isExportSpecifier(declaration) && (declaration.isTypeOnly || declaration.parent.parent.isTypeOnly),
  );
}
