#!/usr/bin/env node
// Checks what typedoc does not: every exported symbol has a summary and an @example, every
// optional option documents its @default, and every error class states its code. Reads the JSON
// that `typedoc` writes next to the site. A type the reader only ever passes in (an options
// interface, a filter's shape) may go without an @example: the example of the function it is
// passed to shows it in use, and a lone `const x: Options = {...}` teaches nothing more
// (scripts/check-examples.mjs compiles the examples themselves). It also keeps `@module` bare
// in the sources, or the entry's name: TypeDoc reads any other text after it as the module's new
// name, so the sentence belongs in the comment's summary.
import { readdirSync, readFileSync } from 'node:fs';

const api = JSON.parse(readFileSync(new URL('../docs/api/api.json', import.meta.url), 'utf8'));
const KIND = { Class: 128, Interface: 256, Function: 64, Variable: 32, TypeAlias: 2097152, Property: 1024, Reference: 4194304 };
const problems = [];
const seen = new Set();
let passedWithoutExample = 0;

const text = (parts = []) => parts.map((part) => part.text).join('').trim();
const commentOf = (reflection) => reflection.comment ?? reflection.signatures?.[0]?.comment;
const hasTag = (comment, tag) => comment?.blockTags?.some((block) => block.tag === tag) ?? false;
// Defaults that mean "none": a signal, a callback or a value the caller must bring.
const NEEDS_NO_DEFAULT = /^(signal|onError|authorize|fetchToken|cause)$/;

/**
 * Where each type is referenced: `owner` is the top-level reflection the reference sits in, and
 * `passed` says it sits in what the reader hands over (a parameter, a type parameter's bound) rather
 * than what they get back or read (a result, a property of a class or variable).
 * @type {Map<number, { owner: any, passed: boolean }[]>}
 */
const references = new Map();
/** @param {any} node @param {any} owner @param {boolean} passed */
function collectReferences(node, owner, passed) {
  if (Array.isArray(node)) return node.forEach((child) => collectReferences(child, owner, passed));
  if (node === null || typeof node !== 'object') return;
  if (node.type === 'reference' && typeof node.target === 'number') {
    references.set(node.target, [...(references.get(node.target) ?? []), { owner, passed }]);
  }
  for (const [key, value] of Object.entries(node)) {
    // Back-links (who extends or implements this, what a member inherits) are not uses.
    if (/^(comment|extendedBy|implementedBy|inheritedFrom|overwrites|implementationOf)$/.test(key)) continue;
    // A callback's parameters are handed to the reader: each signature's parameters flip the side.
    const flips = key === 'parameters' || key === 'typeParameters';
    collectReferences(value, owner, flips ? !passed : passed);
  }
}
const TYPE_KINDS = new Set([KIND.Interface, KIND.TypeAlias]);
for (const module of api.children ?? []) {
  for (const reflection of module.children ?? []) {
    if (reflection.kind !== KIND.Reference) collectReferences(reflection, reflection, false);
  }
}
/**
 * An interface or type alias the reader only ever passes in: every reference to it is in a
 * parameter, in a member of a type that is itself only passed in, or in a method parameter of a
 * type the reader holds.
 * @param {any} reflection @param {Set<number>} [visiting]
 * @returns {boolean}
 */
function onlyPassed(reflection, visiting = new Set()) {
  if (!TYPE_KINDS.has(reflection.kind) || visiting.has(reflection.id)) return false;
  const uses = references.get(reflection.id) ?? [];
  const inside = new Set(visiting).add(reflection.id);
  // Inside another type, a member shares that type's side; a method's parameter is passed in when
  // the reader holds the type (a dashboard's reload options) and handed out when they pass it (a callback's argument).
  return uses.length > 0 && uses.every(({ owner, passed }) =>
    owner.id === reflection.id || (TYPE_KINDS.has(owner.kind) ? passed !== onlyPassed(owner, inside) : passed));
}

for (const module of api.children ?? []) {
  for (const reflection of module.children ?? []) {
    // A re-export (the error family in @oemkit/server and @oemkit/browser) is documented at its source.
    if (reflection.kind === KIND.Reference) continue;
    const key = `${reflection.name}@${reflection.sources?.[0]?.fileName ?? module.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const where = `${module.name}: ${reflection.name}`;
    const comment = commentOf(reflection);
    if (!text(comment?.summary)) problems.push(`${where} has no summary`);
    if (!hasTag(comment, '@example')) {
      if (onlyPassed(reflection)) passedWithoutExample += 1;
      else problems.push(`${where} has no @example`);
    }
    if (reflection.kind === KIND.Interface && /Options$/.test(reflection.name)) {
      for (const property of reflection.children ?? []) {
        if (property.flags?.isOptional && !NEEDS_NO_DEFAULT.test(property.name) && !hasTag(property.comment, '@default')) {
          problems.push(`${where}.${property.name} is optional but has no @default`);
        }
      }
    }
    if (reflection.kind === KIND.Class && /Error$/.test(reflection.name) && !/`code` is|`code`/.test(text(comment?.summary))) {
      problems.push(`${where} does not state its \`code\` in its summary`);
    }
  }
}

const packagesDir = new URL('../packages/', import.meta.url);
for (const name of readdirSync(packagesDir)) {
  const src = new URL(`${name}/src/`, packagesDir);
  for (const file of readdirSync(src, { recursive: true, withFileTypes: false })) {
    if (!/\.tsx?$/.test(file)) continue;
    const renamed = /^ \* @module (?!@oemkit\/\S+$)(.+)$/m.exec(readFileSync(new URL(file, src), 'utf8'));
    if (renamed) problems.push(`packages/${name}/src/${file}: "@module ${renamed[1].slice(0, 40)}..." renames the module; write the sentence as the summary and a bare @module`);
  }
}

if (problems.length > 0) {
  console.error(`Documentation check failed (${problems.length}):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`Documentation check: ${seen.size} exported symbols, each with a summary and an @example (${passedWithoutExample} types only ever passed in go without).`);
