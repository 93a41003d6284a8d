/**
 * @module Reading a successful answer's body: JSON, checked against the request's schema, and
 * never quoted in the error when it is not what was expected.
 */
import { InvalidResponseError, type RequestContext } from '@oemkit/schema/errors';
import { formatValidationIssues, toValidationIssues } from '@oemkit/schema/internal';
import type * as z from 'zod/mini';
import type { Redactor } from '../redaction/redact.js';

/**
 * @internal The JSON value of `text`, or `undefined` when it is not JSON.
 *
 * @example
 * ```ts
 * parseJson('{"ticketId":"t"}'); // { ticketId: 't' }
 * parseJson('<html>'); // undefined
 * ```
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * @internal The body of a successful answer, as `schema` reads it, or an `InvalidResponseError`
 * that says what was wrong without quoting the body (it may hold a token). The content type is
 * quoted only when `redactor` finds no secret in it, and is built only then.
 *
 * @example
 * ```ts
 * const body = parseBody(await answerText(response), TicketResponseSchema, context, response, () => redactor);
 * ```
 */
export function parseBody<T>(text: string, schema: z.ZodMiniType<T>, context: RequestContext, response: Response, redactor: () => Redactor): T {
  const json = parseJson(text);
  if (json === undefined) {
    // Never quote the body: it may be a token. Its type is enough to diagnose an HTML error page,
    // and is quoted only when it holds no secret, since the vendor can put anything there.
    const header = response.headers.get('content-type');
    const type = header === null ? 'no content type' : (redactor().clean(header.slice(0, 100)) ?? 'a content type that is not quoted');
    throw new InvalidResponseError(context, response.status, `the body is not JSON (${type}, ${text.length} characters)`);
  }
  const result = schema.safeParse(json, { reportInput: true });
  if (result.success) return result.data;
  throw new InvalidResponseError(context, response.status, formatValidationIssues(toValidationIssues(result.error.issues)));
}
