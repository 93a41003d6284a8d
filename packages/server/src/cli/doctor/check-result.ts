/**
 * One line of `oemkit doctor`: a check's name, whether it passed, what was seen, and what to
 * do when it failed.
 *
 * @module
 */
import type { Redactor } from '../../redaction/redact.js';
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

/**
 * The result with every secret in its text replaced by `[REDACTED]`: a detail quotes what the
 * vendor sent (a CORS header, a frame-ancestors list, X-Frame-Options), and a vendor can echo a
 * credential in any of them, while the doctor's output goes to terminals and CI logs.
 */
export function redactCheck(result: CheckResult, redactor: Redactor): CheckResult {
  const detail = redactor.text(result.detail);
  return result.fix === undefined ? { ...result, detail } : { ...result, detail, fix: redactor.text(result.fix) };
}

const LABEL = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' } as const;
const NAME_WIDTH = 16;

/** `PASS  credentials     ...`, and on the next line `      fix: ...` for a failure. Vendor text stays on its line. */
export function formatCheck(result: CheckResult): string {
  const line = `${LABEL[result.status]}  ${result.name.padEnd(NAME_WIDTH)}${oneLine(result.detail)}`;
  return result.fix ? `${line}\n      fix: ${oneLine(result.fix)}` : line;
}
