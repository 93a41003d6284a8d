#!/usr/bin/env node
// Checks what typedoc does not: every exported symbol has a summary and an @example, every
// optional option documents its @default, and every error class states its code. Reads the JSON
// that `typedoc` writes next to the site.
import { readFileSync } from 'node:fs';

const api = JSON.parse(readFileSync(new URL('../docs/api/api.json', import.meta.url), 'utf8'));
const KIND = { Class: 128, Interface: 256, Function: 64, Variable: 32, TypeAlias: 2097152, Property: 1024, Reference: 4194304 };
const problems = [];
const seen = new Set();

const text = (parts = []) => parts.map((part) => part.text).join('').trim();
const commentOf = (reflection) => reflection.comment ?? reflection.signatures?.[0]?.comment;
const hasTag = (comment, tag) => comment?.blockTags?.some((block) => block.tag === tag) ?? false;
// Defaults that mean "none": a signal, a callback or a value the caller must bring.
const NEEDS_NO_DEFAULT = /^(signal|onError|authorize|fetchToken|cause)$/;

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
    if (!hasTag(comment, '@example')) problems.push(`${where} has no @example`);
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

if (problems.length > 0) {
  console.error(`Documentation check failed (${problems.length}):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`Documentation check: ${seen.size} exported symbols, each with a summary and an @example.`);
