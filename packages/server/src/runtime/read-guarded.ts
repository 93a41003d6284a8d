/**
 * Reading what a host or a runtime hands over, when a getter or a Proxy trap may throw.
 *
 * @module
 */

/**
 * What a guarded read found: the value, or only the fact that reading threw. What was thrown is
 * dropped, never quoted: it may be anything, a secret included.
 */
export type GuardedRead<T = unknown> = { ok: true; value: T } | { ok: false };

/**
 * @internal Runs `read` once and gives its answer, or `{ ok: false }` when it throws: the one
 * home of the "a getter or a Proxy may throw" rule, for checks that are not a field read
 * (`instanceof`, `in`). Keep `read` to one read, so that no trap runs twice.
 */
export function guarded<T>(read: () => T): GuardedRead<T> {
  try {
    return { ok: true, value: read() };
  } catch {
    return { ok: false };
  }
}

/**
 * @internal Reads `object[key]` once, as `object?.[key]` would, or gives `{ ok: false }` when a
 * getter or a Proxy trap throws. A caller that needs the value twice keeps this answer rather
 * than reading again: a getter may answer differently, or throw, the second time.
 */
export function readGuarded(object: unknown, key: PropertyKey): GuardedRead {
  return guarded(() => (object as Record<PropertyKey, unknown> | null | undefined)?.[key]);
}
