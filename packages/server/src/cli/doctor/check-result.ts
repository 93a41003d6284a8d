/**
 * One line of `oemkit doctor`: a check's name, whether it passed, what was seen, and what to
 * do when it failed.
 *
 * @module
 */
import { oneLine } from '../terminal-text.js';

/** A check's outcome. `skip`: it could not run because an earlier one failed. */
export interface CheckResult {
  name: string;
  status: 'pass' | 'fail' | 'skip';
  detail: string;
  /** What to do about a failure. */
  fix?: string;
}

export const pass = (name: string, detail: string): CheckResult => ({ name, status: 'pass', detail });
export const fail = (name: string, detail: string, fix: string): CheckResult => ({ name, status: 'fail', detail, fix });
export const skip = (name: string, because: string): CheckResult => ({ name, status: 'skip', detail: `not checked: ${because}` });

const LABEL = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' } as const;
const NAME_WIDTH = 16;

/** `PASS  credentials     ...`, and on the next line `      fix: ...` for a failure. Vendor text stays on its line. */
export function formatCheck(result: CheckResult): string {
  const line = `${LABEL[result.status]}  ${result.name.padEnd(NAME_WIDTH)}${oneLine(result.detail)}`;
  return result.fix ? `${line}\n      fix: ${oneLine(result.fix)}` : line;
}
