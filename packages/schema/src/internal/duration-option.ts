/**
 * Reading a millisecond option, on the server and in the page: its default when absent,
 * else a number the one duration rule accepts.
 *
 * @module
 */
import { durationProblem } from './exchange-limits.js';
import { optionError } from './option-error.js';

/**
 * @internal Reads a millisecond option: `fallback` when it is absent, else a number from `min` up
 * to what timers accept ({@link durationProblem}), or a `ValidationError` naming `option`.
 */
export function durationOption(value: unknown, option: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const problem = durationProblem(value, min);
  if (problem) throw optionError(option, problem);
  return value as number;
}
