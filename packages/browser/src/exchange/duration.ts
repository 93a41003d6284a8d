import { durationProblem, optionError } from '@oemkit/schema/internal';

/** @internal Reads a millisecond option: `fallback` when absent, else a number from `min` up to what timers accept. */
export function duration(value: unknown, option: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const problem = durationProblem(value, min);
  if (problem) throw optionError(option, problem);
  return value as number;
}
