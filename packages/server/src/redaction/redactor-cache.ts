/**
 * The redactors and secret finders of the sets of secrets a client sends most often, each
 * built once: building one for a token costs milliseconds, using it microseconds.
 *
 * @module
 */
import { createRedactor, type Redactor } from './redact.js';
import { createSecretFinder } from './secret-mask.js';

/** One set of secrets, and what scrubs or finds them, each built on first use. */
interface SecretSet {
  readonly secrets: readonly string[];
  redactor?: Redactor;
  finder?: (text: string) => boolean;
}

/** Sets kept by default: the token call's, setup's (with its token), and a few others. */
const DEFAULT_CAPACITY = 4;

/**
 * @internal The redactor and finder of each set of secrets recently asked for (the token call's,
 * setup's with its token, a sign-out's cookie), least recently used out first.
 */
export class RedactorCache {
  readonly #sets = new Map<string, SecretSet>();
  readonly #capacity: number;

  /** @param capacity - How many sets of secrets to keep. @default 4 */
  constructor(capacity = DEFAULT_CAPACITY) {
    this.#capacity = capacity;
  }

  /** Scrubs every one of `secrets` (and the credentials any redactor finds by shape) from text. */
  redactor(secrets: readonly string[]): Redactor {
    const set = this.#setOf(secrets);
    return (set.redactor ??= createRedactor(set.secrets));
  }

  /** Tells whether a text holds any of `secrets`, in any form the redactor would remove. */
  finder(secrets: readonly string[]): (text: string) => boolean {
    const set = this.#setOf(secrets);
    return (set.finder ??= createSecretFinder(set.secrets));
  }

  #setOf(secrets: readonly string[]): SecretSet {
    const key = secrets.join('\0');
    const set = this.#sets.get(key) ?? { secrets };
    // Least recently used out: a sign-out's cookie is a set of its own, and must not push out setup's.
    this.#sets.delete(key);
    this.#sets.set(key, set);
    if (this.#sets.size > this.#capacity) this.#sets.delete(this.#sets.keys().next().value!);
    return set;
  }
}
