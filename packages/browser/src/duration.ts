import { ValidationError } from '@oemkit/schema/errors';

/** @internal Reads a millisecond option: `fallback` when absent, else a number from `min` up to what timers accept. */
export function duration(value: unknown, option: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  // Timers treat anything above 2^31 - 1 ms as 0, so a larger value would fire at once.
  if (typeof value === 'number' && value >= min && value < 2 ** 31) return value;
  throw new ValidationError('options', [{ path: [option], message: `must be a number of milliseconds from ${min} to 2147483647` }]);
}
