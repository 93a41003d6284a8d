#!/usr/bin/env node
// Every `@example` in the packages' sources compiles, and the ones that state a result produce it.
//
// Why: the examples are the first code a reader copies (typedoc puts them on every API page), and
// nothing else compiles them: an example that imports a name the package does not export, or
// passes an option that was renamed, would ship unnoticed. This script
//   1. extracts every fenced ts/tsx/js block under an `@example` tag in packages/*/src (the entry
//      files' module comments included),
//   2. writes each to its own module in a temporary folder inside its package (so `@oemkit/*`,
//      `react` and the other dependencies resolve as they do for the package, sources first
//      through the `@oemkit/source` condition of tsconfig.json),
//   3. type-checks them with the TypeScript compiler API under the repository's strict options,
//      after a short per-package prelude that declares what a reader of the docs obviously has
//      (`request`, `clientId`, `userId`...: see PRELUDES); an example may shadow any of them,
//   4. runs the examples that are closed (they use nothing from the prelude) and state a result:
//      a statement followed by `// => value` or `// value` (same line or the next), where value is
//      a literal, is checked to produce that value (`console.log(x); // v` checks x). A closed
//      example that throws, or a result that differs, fails the run.
// Each failure names the example's `file:line`. The last line prints the counts. Two canaries,
// examples wrong on purpose, must be caught on every run, or the check itself is reported broken.
import { deepStrictEqual } from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import ts from 'typescript';
import { SOURCE_CONDITION, publishedPackages } from './package-exports.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * What a reader of each package's docs already has in hand. Keep it short and honest: a name
 * belongs here only when an example would otherwise have to build it from things beside its point
 * (a configured client, the incoming request, the signed-in user's id).
 */
// On the server: the credentials, the signed-in user, the request in hand, configured clients.
const SERVER_HAS = `
declare const clientId: string;
declare const clientSecret: string;
declare const userId: string;
declare const request: Request;
declare const astrato: import('@oemkit/server').AstratoClient;
declare const databrain: import('@oemkit/server').DataBrainClient;
declare const authorize: import('@oemkit/server').TicketHandlerOptions['authorize'];
// The host app's own session lookup, which every endpoint example asks who is signed in.
declare function currentUser(request: Request): Promise<{ id: string; email: string; tenantId: string } | null>;
`;
// On the page: the element that holds the dashboard, the dashboard once embedded (Astrato's or
// DataBrain's), a ticket id, the dashboard's embed link.
const PAGE_HAS = `
declare const container: HTMLElement;
declare const dashboard: import('@oemkit/browser').EmbeddedDashboard;
declare const analytics: import('@oemkit/browser/databrain').EmbeddedDataBrain;
declare const ticketId: string;
declare const embedUrl: string;
`;
const PRELUDES = {
  // The wire contracts and the error family are read on both sides.
  '@oemkit/schema': SERVER_HAS + PAGE_HAS,
  '@oemkit/server': SERVER_HAS,
  '@oemkit/browser': PAGE_HAS,
};

/**
 * Two examples that must fail, so that the check cannot go blind unnoticed (an extraction that
 * finds nothing, a type check or a runner that silently passes everything): a name the package
 * does not export, and a stated result the code does not give.
 * @type {Example[]}
 */
const CANARIES = [
  { file: join(root, 'scripts', 'check-examples.canary-1'), line: 1, lang: 'ts', code: "import { noSuchExport } from '@oemkit/schema';\nnoSuchExport;\n" },
  { file: join(root, 'scripts', 'check-examples.canary-2'), line: 1, lang: 'ts', code: "import { isTicketId } from '@oemkit/schema';\nisTicketId('a/b'); // true\n" },
];

const EXAMPLE_LANGUAGES = { ts: '.ts', typescript: '.ts', tsx: '.tsx', js: '.js', javascript: '.js' };

/** @typedef {{ file: string, line: number, lang: string, code: string }} Example */

/**
 * The fenced code blocks under `@example` tags in one source file. `line` is the source line of
 * the block's first code line, so an example's line n is at `line + n - 1`.
 * @param {string} file
 * @returns {Example[]}
 */
function extractExamples(file) {
  const text = readFileSync(file, 'utf8');
  /** @type {Example[]} */
  const examples = [];
  for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const firstLine = text.slice(0, comment.index).split('\n').length;
    const lines = comment[0].split('\n').map((line) => line.replace(/^\s*\/?\*\*? ?/, '').replace(/\s*\*\/$/, ''));
    let inExample = false;
    /** @type {{ lang: string, line: number, code: string[] } | undefined} */
    let block;
    lines.forEach((line, index) => {
      if (block) {
        if (/^\s*```\s*$/.test(line)) {
          if (block.lang in EXAMPLE_LANGUAGES) examples.push({ file, line: block.line, lang: block.lang, code: block.code.join('\n') + '\n' });
          block = undefined;
        } else block.code.push(line);
        return;
      }
      const tag = /^\s*@(\w+)/.exec(line)?.[1];
      if (tag) inExample = tag === 'example';
      const fence = /^\s*```(\w*)/.exec(line);
      if (fence && inExample) block = { lang: fence[1] ?? '', line: firstLine + index + 1, code: [] };
    });
  }
  return examples;
}

/** @param {string} dir @returns {string[]} */
const sourceFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );

/**
 * One typed constant of a literal and nothing else (imports aside), `const x: Foo = { ... }`: an
 * example that shows a shape, not a use.
 * @param {ts.SourceFile} source
 */
const isOneConstant = (source) => {
  const statements = source.statements.filter((statement) => !ts.isImportDeclaration(statement));
  const [statement] = statements;
  return statements.length === 1 && statement !== undefined && ts.isVariableStatement(statement) &&
    statement.declarationList.declarations.every((declaration) => declaration.type && declaration.initializer && !calls(declaration.initializer));
};
/** @param {ts.Node} node @returns {boolean} */
const calls = (node) => ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isAwaitExpression(node) || (ts.forEachChild(node, calls) ?? false);

const where = (/** @type {Example} */ example, /** @type {number} */ line = 0) => `${relative(root, example.file)}:${example.line + line}`;

/**
 * A result comment's value, when the comment is a literal (`'a'`, `[1, 2]`, `{ a: 1 }`, `true`):
 * prose such as `// sends { ... }` is not a result and is left alone.
 * @param {string} comment text after `//`, without a leading `=>`
 */
function resultLiteral(comment) {
  const parsed = ts.createSourceFile('result.ts', `(${comment})`, ts.ScriptTarget.ES2022, true);
  if (parsed.parseDiagnostics.length > 0 || parsed.statements.length !== 1) return undefined;
  const statement = parsed.statements[0];
  if (!ts.isExpressionStatement(statement)) return undefined;
  /** @param {ts.Node} node @returns {boolean} */
  const literal = (node) =>
    ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isNumericLiteral(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword || node.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(node) && node.text === 'undefined') ||
    (ts.isPrefixUnaryExpression(node) && ts.isNumericLiteral(node.operand)) ||
    ts.isParenthesizedExpression(node) && literal(node.expression) ||
    (ts.isArrayLiteralExpression(node) && node.elements.every(literal)) ||
    (ts.isObjectLiteralExpression(node) && node.properties.every((p) => ts.isPropertyAssignment(p) && literal(p.initializer)));
  return literal(statement.expression) ? comment : undefined;
}

/**
 * The example's top-level statements that state a result, rewritten to check it:
 * `f(x); // 'y'` becomes `__expectResult(f(x), 'y', 'file:line');`.
 * @param {Example} example
 * @param {ts.SourceFile} source
 * @returns {{ code: string, results: number }}
 */
function instrument(example, source) {
  const lines = example.code.split('\n');
  const edits = [];
  for (const statement of source.statements) {
    if (!ts.isExpressionStatement(statement)) continue;
    const endLine = source.getLineAndCharacterOfPosition(statement.getEnd()).line;
    const sameLine = lines[endLine]?.slice(source.getLineAndCharacterOfPosition(statement.getEnd()).character).match(/^\s*\/\/\s*(?:=>\s*)?(.*)$/);
    const nextLine = lines[endLine + 1]?.match(/^\s*\/\/\s*(?:=>\s*)?(.*)$/);
    const expected = resultLiteral(sameLine?.[1] ?? nextLine?.[1] ?? '');
    if (expected === undefined) continue;
    let value = statement.expression;
    // `console.log(x); // v` states what is printed: x.
    if (ts.isCallExpression(value) && value.getText(source).startsWith('console.log(') && value.arguments.length === 1) value = value.arguments[0];
    edits.push({ start: statement.getStart(source), end: statement.getEnd(), text: `__expectResult(${value.getText(source)}, ${expected}, ${JSON.stringify(where(example, endLine))});` });
  }
  let code = example.code;
  for (const edit of edits.reverse()) code = code.slice(0, edit.start) + edit.text + code.slice(edit.end);
  return { code, results: edits.length };
}

const options = ts.parseJsonConfigFileContent(ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, root).options;
const compilerOptions = { ...options, noEmit: true, jsx: ts.JsxEmit.ReactJSX, customConditions: [SOURCE_CONDITION] };
/** @type {Map<string, ts.SourceFile>} the package sources, parsed once for all three programs */
const parsed = new Map();
const host = ts.createCompilerHost(compilerOptions);
const parseFile = host.getSourceFile;
host.getSourceFile = (fileName, languageVersion, ...rest) => {
  if (fileName.includes('.oemkit-examples')) return parseFile.call(host, fileName, languageVersion, ...rest);
  if (!parsed.has(fileName)) parsed.set(fileName, parseFile.call(host, fileName, languageVersion, ...rest));
  return parsed.get(fileName);
};

const problems = [];
const counts = { total: 0, oneConstant: 0, compiled: 0, run: 0, results: 0 };
const temporaryDirs = [];
/** @type {{ example: Example, file: string, code: string }[]} */
const runnable = [];

try {
  for (const { dir, manifest } of publishedPackages()) {
    const examples = [...(manifest.name === '@oemkit/schema' ? CANARIES : []), ...sourceFiles(join(dir, 'src')).flatMap(extractExamples)];
    const temporary = join(dir, 'node_modules', `.oemkit-examples-${process.pid}`);
    temporaryDirs.push(temporary);
    mkdirSync(temporary, { recursive: true });
    const prelude = join(temporary, 'prelude.d.ts');
    writeFileSync(prelude, `// What a reader of ${manifest.name}'s docs has in hand (scripts/check-examples.mjs).\n${PRELUDES[manifest.name] ?? ''}`);
    const files = examples.map((example, index) => {
      const file = join(temporary, `example-${index}${EXAMPLE_LANGUAGES[example.lang]}`);
      writeFileSync(file, example.code);
      return file;
    });
    const program = ts.createProgram({ rootNames: [prelude, ...files], options: compilerOptions, host });
    const checker = program.getTypeChecker();
    for (const diagnostic of ts.getPreEmitDiagnostics(program, program.getSourceFile(prelude))) {
      problems.push(`${manifest.name} prelude: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
    }
    examples.forEach((example, index) => {
      const source = program.getSourceFile(files[index]);
      if (!source) throw new Error(`${where(example)} was not compiled`);
      const canary = CANARIES.includes(example);
      if (!canary) counts.total += 1;
      if (!canary && isOneConstant(source)) {
        counts.oneConstant += 1;
        problems.push(`${where(example)}: one typed constant teaches nothing: show the call it is passed to, or drop the @example of a type only ever passed in`);
      }
      const diagnostics = ts.getPreEmitDiagnostics(program, source);
      for (const diagnostic of diagnostics) {
        const line = diagnostic.start === undefined ? 0 : source.getLineAndCharacterOfPosition(diagnostic.start).line;
        problems.push(`${where(example, line)}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ')}`);
      }
      if (diagnostics.length > 0) return;
      if (!canary) counts.compiled += 1;
      // A closed example uses nothing from the prelude (`{ clientId }` is a use of clientId too).
      const symbolOf = (/** @type {ts.Identifier} */ node) =>
        ts.isShorthandPropertyAssignment(node.parent) ? checker.getShorthandAssignmentValueSymbol(node.parent) : checker.getSymbolAtLocation(node);
      /** @type {(node: ts.Node) => boolean} */
      const usesPrelude = (node) =>
        (ts.isIdentifier(node) && (symbolOf(node)?.declarations ?? []).some((d) => d.getSourceFile().fileName === prelude)) ||
        (ts.forEachChild(node, usesPrelude) ?? false);
      const { code, results } = instrument(example, source);
      if (results > 0 && !usesPrelude(source)) {
        if (!canary) counts.results += results;
        runnable.push({ example, file: join(temporary, `run-${index}.mjs`), code });
      }
    });
  }

  // What an instrumented example calls for each stated result (see instrument).
  globalThis.__expectResult = (actual, expected, at) => {
    try {
      deepStrictEqual(actual, expected);
    } catch {
      throw new Error(`${at}: the example says ${JSON.stringify(expected)}, the code gives ${JSON.stringify(actual)}`);
    }
  };
  for (const { example, file, code } of runnable) {
    try {
      await build({
        stdin: { contents: code, loader: EXAMPLE_LANGUAGES[example.lang].slice(1), resolveDir: dirname(file), sourcefile: where(example) },
        bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: file, logLevel: 'silent',
        conditions: [SOURCE_CONDITION],
        // The bundle may require() node built-ins; an ESM bundle needs a require to do so.
        banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      });
      await import(pathToFileURL(file).href);
      if (!CANARIES.includes(example)) counts.run += 1;
    } catch (error) {
      problems.push(error instanceof Error && error.message.startsWith(relative(root, example.file)) ? error.message : `${where(example)}: running it threw ${error}`);
    }
  }
} finally {
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
}

for (const canary of CANARIES) {
  const caught = problems.filter((problem) => problem.startsWith(`${relative(root, canary.file)}:`));
  if (caught.length === 0) problems.push(`${where(canary)}: this example is wrong on purpose and the check did not notice: the check is broken`);
  for (const problem of caught) problems.splice(problems.indexOf(problem), 1);
}

const summary = `${counts.total} examples, ${counts.oneConstant} of them one typed constant; ${counts.compiled} compiled, ${counts.run} run (${counts.results} stated results checked)`;
if (problems.length > 0) {
  console.error(`Example check failed (${problems.length}):\n- ${problems.join('\n- ')}\n${summary}`);
  process.exit(1);
}
console.log(`Example check: ${summary}.`);
