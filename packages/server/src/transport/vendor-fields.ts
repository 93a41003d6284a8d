/**
 * What a vendor said about a failure, made safe where it enters oemkit: the one place its
 * words become fields of an `ApiError`. The error class keeps what it is given, so that the page,
 * which never passes vendor text, does not carry these rules.
 *
 * @module
 */
import type { ApiErrorInit } from '@oemkit/schema/errors';
import { plainIdentifier } from '../redaction/plain-identifier.js';
import type { Redactor } from '../redaction/redact.js';

/** The most of a vendor's message that is kept: enough to diagnose, too little to flood a log. */
export const LONGEST_VENDOR_MESSAGE = 300;
// Line breaks and other control characters in vendor text would let it forge log lines.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** The fields of an `ApiError` that come from the vendor's answer. */
export type VendorFields = Pick<ApiErrorInit, 'vendorCode' | 'vendorMessage' | 'correlationId' | 'retryAfter' | 'redirectOrigin'>;

/**
 * Makes what the vendor said safe to keep in an error, a log line or a trace: every string is
 * scrubbed of the request's secrets; the message is put on one line and capped at
 * {@link LONGEST_VENDOR_MESSAGE} characters; a code or correlation id is kept only as a short
 * identifier, a redirect target only as an origin, a wait only as a finite number of seconds.
 * Anything else is dropped.
 */
export function vendorFields(said: VendorFields, redactor: Redactor): VendorFields {
  const { vendorCode, vendorMessage, correlationId, retryAfter, redirectOrigin } = said;
  return {
    vendorCode: plainIdentifier(vendorCode, redactor),
    vendorMessage: typeof vendorMessage === 'string' ? plainText(redactor.text(vendorMessage)) : undefined,
    correlationId: plainIdentifier(correlationId, redactor),
    retryAfter: typeof retryAfter === 'number' && Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
    // An origin is vendor text too: `https://<the client secret>.evil.test`, lower-cased by the URL parser.
    redirectOrigin: originOnly(redactor.clean(redirectOrigin)),
  };
}

function originOnly(value: string | undefined): string | undefined {
  try {
    const origin = new URL(value as string).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

function plainText(value: string): string | undefined {
  const text = value.slice(0, LONGEST_VENDOR_MESSAGE * 2).replace(CONTROL_CHARACTERS, ' ').trim();
  return text === '' ? undefined : text.slice(0, LONGEST_VENDOR_MESSAGE);
}
