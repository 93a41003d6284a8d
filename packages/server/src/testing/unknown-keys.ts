/**
 * What an emulator did not understand in a body it accepted: the keys its schema does
 * not name, found by walking the schema's own shape, so the list of known keys has one home
 * (the wire schema in `@oemkit/schema`).
 *
 * @module
 */

/** Just the parts of a zod schema's definition this walk reads. */
interface Definition {
  type: string;
  shape?: Record<string, { _zod: { def: Definition } }>;
  innerType?: { _zod: { def: Definition } };
  element?: { _zod: { def: Definition } };
  in?: { _zod: { def: Definition } };
  out?: { _zod: { def: Definition } };
}

type Path = (string | number)[];

/**
 * @internal The path of every key in `value` that `schema` does not name, outermost first, in
 * the order the body holds them. Maps the schema leaves open (records, such as filter `values`)
 * and unions are not walked: any key is theirs.
 */
export function unknownKeyPaths(schema: unknown, value: unknown, path: Path = []): Path[] {
  const def = (schema as { _zod: { def: Definition } })._zod.def;
  if (def.type === 'pipe') return unknownKeyPaths(def.out, value, path);
  if (def.type === 'optional' || def.type === 'nullable') return unknownKeyPaths(def.innerType, value, path);
  if (def.type === 'array' && Array.isArray(value)) return value.flatMap((item, index) => unknownKeyPaths(def.element, item, [...path, index]));
  if (def.type !== 'object' || typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const shape = def.shape ?? {};
  const own: Path[] = [];
  const nested: Path[] = [];
  for (const [key, child] of Object.entries(value)) {
    if (Object.hasOwn(shape, key)) nested.push(...unknownKeyPaths(shape[key], child, [...path, key]));
    else own.push([...path, key]);
  }
  return [...own, ...nested];
}
