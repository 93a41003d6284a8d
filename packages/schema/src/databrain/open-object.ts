/**
 * The one rule for a vendor's open objects. DataBrain's API grows (its reference added
 * `params.allowedEmbeds`; its own demos send `metricId`, `embedId` and `params.customerContext`),
 * so an unknown key is more likely a new field than a mistake: oemkit checks the fields it knows
 * and passes every other key through unchanged, rather than break its users until a release.
 *
 * One exception, everywhere in such a body: the prototype keys `__proto__`, `constructor` and
 * `prototype` are refused with a `ValidationError` naming the field. Copied into a plain object,
 * a `__proto__` key is not a key at all (it sets the prototype), so a restriction keyed that way
 * (an `rlsSettings` value, say) would vanish on its way to the vendor without a word.
 *
 * @module
 */
import * as z from 'zod/mini';

/** The keys that never reach a vendor, at any depth. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type Path = (string | number)[];

/** The path of every own prototype key in a plain value (objects and arrays, at any depth). */
function prototypeKeyPaths(value: unknown, path: Path = [], seen = new Set<object>()): Path[] {
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  const found: Path[] = [];
  // Object.keys lists an own `__proto__` (as JSON.parse and object spread make it), unlike `in`.
  for (const key of Object.keys(value)) {
    const at = [...path, Array.isArray(value) ? Number(key) : key];
    if (PROTOTYPE_KEYS.has(key)) found.push(at);
    else found.push(...prototypeKeyPaths((value as Record<string, unknown>)[key], at, seen));
  }
  return found;
}

/**
 * @internal An object that checks the fields in `shape` and keeps every other key as given.
 */
export function openObject<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.looseObject(shape);
}

/**
 * @internal Wraps a request body's schema so that a prototype key anywhere in the input fails
 * validation, at its path, before the schema copies (and so loses) it.
 */
export function refusingPrototypeKeys<S extends z.core.$ZodType>(schema: S) {
  const guard = z.transform((input: unknown, context) => {
    for (const path of prototypeKeyPaths(input)) {
      context.issues.push({
        code: 'custom',
        path,
        input,
        message: 'is a prototype key (__proto__, constructor or prototype): refused, as a plain object would drop it silently',
      });
    }
    return input;
  });
  return z.pipe(guard, schema);
}
