/**
 * A token cache with single flight and refresh ahead of expiry.
 *
 * @module
 */
import { durationProblem } from '@oemkit/schema/internal';
import { ValidationError, type ValidationIssue } from '@oemkit/schema/errors';
import { abortable } from '../runtime/abortable.js';

/** @internal The default `expiryMargin`, which a shared token source must judge stored tokens by too. */
export const DEFAULT_EXPIRY_MARGIN = 10_000;

/**
 * A token and when it stops being valid (epoch milliseconds).
 */
export interface CachedToken {
  value: string;
  expiresAt: number;
}

/**
 * How the {@link TokenCache} fetches and times tokens.
 */
export interface TokenCacheOptions {
  /**
   * Fetches a new token. It is given the token it will replace, when the cache holds one (to judge
   * whether a token shared by other processes is any newer); most sources ignore it.
   */
  fetchToken: (replacing: CachedToken | undefined) => Promise<CachedToken>;
  /** Start a background refresh this many milliseconds before expiry. @default 60000 */
  refreshAhead?: number;
  /** Stop handing out a token this many milliseconds before expiry (clock skew, latency). @default 10000 */
  expiryMargin?: number;
  /** Wait this long after a failed background refresh before trying another. @default 5000 */
  failureBackoff?: number;
  /** The clock. @default Date.now */
  now?: () => number;
}

/**
 * Holds one token. Any number of concurrent callers share one fetch (single flight). Near expiry,
 * callers still get the current token at once while a single background fetch replaces it, so
 * in steady state nobody waits for a token. No timers: an idle cache costs nothing and never keeps
 * a process alive.
 */
export class TokenCache {
  readonly #fetchToken: (replacing: CachedToken | undefined) => Promise<CachedToken>;
  readonly #refreshAhead: number;
  readonly #expiryMargin: number;
  readonly #failureBackoff: number;
  readonly #now: () => number;
  #current: CachedToken | undefined;
  #inflight: Promise<CachedToken> | undefined;
  #quietUntil = 0;

  /** @throws `ValidationError` when `fetchToken` or `now` is not a function, or a duration is not a whole number of ms, 0 or more. */
  constructor(options: TokenCacheOptions) {
    checkOptions(options);
    this.#fetchToken = options.fetchToken;
    this.#refreshAhead = options.refreshAhead ?? 60_000;
    this.#expiryMargin = options.expiryMargin ?? DEFAULT_EXPIRY_MARGIN;
    this.#failureBackoff = options.failureBackoff ?? 5_000;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Returns a valid token, fetching one only when none is usable.
   *
   * @param signal - Stops this caller's wait; the shared fetch goes on for the others.
   */
  async get(signal?: AbortSignal): Promise<string> {
    const now = this.#now();
    const current = this.#current;
    if (current && now < current.expiresAt - this.#expiryMargin) {
      if (now >= current.expiresAt - this.#refreshAhead && now >= this.#quietUntil) this.#refreshInBackground();
      return current.value;
    }
    const fresh = await abortable(this.#refresh(), signal, 'waiting for an access token');
    return fresh.value;
  }

  /**
   * Forgets `value` if it is still the current token (the vendor refused it). A token another
   * caller already replaced is left alone, so a burst of refusals causes one new fetch.
   */
  invalidate(value: string): void {
    if (this.#current?.value === value) this.#current = undefined;
  }

  /** The token held now, without fetching or checking expiry (for redaction and inspection). */
  peek(): string | undefined {
    return this.#current?.value;
  }

  /** When the current token expires (epoch ms), or `undefined` when none is held. */
  get expiresAt(): number | undefined {
    return this.#current?.expiresAt;
  }

  #refresh(): Promise<CachedToken> {
    this.#inflight ??= this.#fetchToken(this.#current)
      .then((token) => {
        this.#current = token;
        return token;
      })
      .finally(() => {
        this.#inflight = undefined;
      });
    return this.#inflight;
  }

  #refreshInBackground(): void {
    if (this.#inflight) return;
    this.#refresh().catch(() => {
      // The current token is still valid; callers see the error only if it runs out unreplaced.
      this.#quietUntil = this.#now() + this.#failureBackoff;
    });
  }
}

function checkOptions(options: TokenCacheOptions): void {
  const issues: ValidationIssue[] = [];
  if (typeof options?.fetchToken !== 'function') issues.push({ path: ['fetchToken'], message: 'must be a function returning a Promise of { value, expiresAt }' });
  if (options?.now !== undefined && typeof options.now !== 'function') issues.push({ path: ['now'], message: 'must be a function returning epoch milliseconds' });
  for (const key of ['refreshAhead', 'expiryMargin', 'failureBackoff'] as const) {
    const problem = options?.[key] === undefined ? undefined : durationProblem(options[key]);
    if (problem) issues.push({ path: [key], message: problem });
  }
  if (issues.length > 0) throw new ValidationError('TokenCache options', issues);
}
