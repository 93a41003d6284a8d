import { isOemkitError } from '@oemkit/schema/errors';
import { guarded } from '../runtime/read-guarded.js';

/** What may be printed about a failure, for the CLI and the ticket handler's default log. */
export interface FailureFields {
  /** The oemkit code, or `UNEXPECTED` for anything else. */
  code: string;
  status?: number;
  vendorCode?: string;
  correlationId?: string;
  /** Only an oemkit error's message, which never holds a secret; anything else may. */
  message?: string;
  /** A connection failure's causes beyond what its message says, outermost first: `connect ECONNREFUSED 127.0.0.1:443`. */
  causes?: string[];
  /** The class name of an error that is not oemkit's, whose message is left out. */
  name?: string;
}

const DEEPEST_CAUSE = 4;
const CLASS_NAME = /^[A-Za-z_$][\w$]{0,63}$/;

/**
 * The fields of `error` that are safe to print. An oemkit error gives its code, status, vendor
 * code, correlation id and message, all already free of secrets; a `ConnectionError` also its
 * causes, which the transport keeps only as redacted copies (message and a plain `code`, which
 * together name the address and what refused it). Any other error gives only its class name: its
 * message is outside oemkit's redaction (a database error may quote a connection string).
 */
export function failureFields(error: unknown): FailureFields {
  // Something that throws when read (a Proxy, a getter): nothing of it is printed.
  const fields = guarded(() => fieldsOf(error));
  return fields.ok ? fields.value : { code: 'UNEXPECTED', name: 'unreadable' };
}

function fieldsOf(error: unknown): FailureFields {
  if (!isOemkitError(error)) {
    if (!(error instanceof Error)) return { code: 'UNEXPECTED', name: typeof error };
    // The class name, when it looks like one: a constructor's name is whatever its code says.
    const name: unknown = error.constructor?.name;
    return { code: 'UNEXPECTED', name: typeof name === 'string' && CLASS_NAME.test(name) ? name : 'Error' };
  }
  const { status, vendorCode, correlationId } = error as { status?: number; vendorCode?: string; correlationId?: string };
  const fields: FailureFields = { code: error.code };
  if (typeof status === 'number') fields.status = status;
  if (vendorCode !== undefined) fields.vendorCode = vendorCode;
  if (correlationId !== undefined) fields.correlationId = correlationId;
  fields.message = error.message;
  // The message already ends with the first cause's (`... failed before an answer arrived: fetch failed`).
  if (isOemkitError(error, 'CONNECTION_ERROR')) fields.causes = causesOf(error.cause).filter((cause) => !error.message.endsWith(`: ${cause}`));
  return fields;
}

function causesOf(cause: unknown): string[] {
  const causes: string[] = [];
  for (let depth = 0; cause instanceof Error && depth < DEEPEST_CAUSE; depth++, cause = cause.cause) {
    const code: unknown = (cause as { code?: unknown }).code;
    causes.push(typeof code === 'string' && !cause.message.includes(code) ? `${cause.message} (${code})` : cause.message);
  }
  return causes;
}
