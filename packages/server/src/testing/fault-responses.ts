/**
 * The answer each fault gives, in the emulated vendor's own error shape.
 *
 * @module
 */
import { spacesBody, trickleBody, type StreamFacts } from './fault-streams.js';
import type { FaultAction } from './faults.js';

/** @internal A vendor's error answer; `correlationId` only where the vendor has one (Astrato). */
export type ErrorBody = (status: number, message: string, code: string, correlationId?: string) => Response;

/** @internal A vendor's documented error bodies by status, for a `status` fault that names neither `message` nor `code`. */
export type StatusBodies = Partial<Record<number, { message: string; code: string }>>;

const JSON_TYPE = { 'content-type': 'application/json' };
const PROXY_PAGE = '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>';

/** @internal The answer to a fault other than `latency` (which only delays the normal answer). */
export function faultResponse(fault: Exclude<FaultAction, { latency: number }>, errorBody: ErrorBody, facts: StreamFacts, statusBodies: StatusBodies = {}): Response {
  if ('drop' in fault) return Response.error();
  if ('rateLimit' in fault) {
    const status = fault.status ?? 429;
    const response = status === 429 ? errorBody(429, 'Too many requests', 'RATE_LIMITED') : errorBody(status, 'Service unavailable', 'UNAVAILABLE');
    response.headers.set(fault.header ?? 'retry-after', String(fault.rateLimit));
    return response;
  }
  if ('body' in fault) {
    return fault.body === 'html'
      ? new Response(PROXY_PAGE, { headers: { 'content-type': 'text/html' } })
      : new Response('{"access_token": "trunc', { headers: JSON_TYPE });
  }
  if ('redirect' in fault) return new Response(null, { status: fault.redirect, headers: { location: fault.location } });
  if ('trickle' in fault) {
    const { interval, chunk, status = 200 } = fault.trickle;
    return new Response(trickleBody(facts, interval, chunk), { status, headers: JSON_TYPE });
  }
  if ('oversized' in fault) {
    const { bytes, declareLength = true, status = 200 } = fault.oversized;
    const headers = new Headers(JSON_TYPE);
    if (declareLength) headers.set('content-length', String(bytes));
    return new Response(spacesBody(facts, bytes), { status, headers });
  }
  if ('endless' in fault) return new Response(spacesBody(facts, Number.POSITIVE_INFINITY), { status: fault.endless.status ?? 200, headers: JSON_TYPE });
  if ('echo' in fault) {
    const response = errorBody(fault.status ?? 400, fault.echo, fault.echo, fault.echo);
    if (isHeaderValue(fault.echo)) response.headers.set('x-correlation-id', fault.echo);
    return response;
  }
  if ('json' in fault) {
    const headers = new Headers(JSON_TYPE);
    for (const [name, value] of Object.entries(fault.headers ?? {})) headers.set(name, value);
    return new Response(JSON.stringify(fault.json), { status: fault.status ?? 200, headers });
  }
  const documented = fault.message === undefined && fault.code === undefined ? statusBodies[fault.status] : undefined;
  if (documented) return errorBody(fault.status, documented.message, documented.code);
  return errorBody(fault.status, fault.message ?? 'Injected fault', fault.code ?? 'INJECTED_FAULT');
}

/**
 * Whether a string goes out as a header value unchanged, both in-process and over `node:http`:
 * `Headers` trims spaces and tabs at the ends and refuses NUL, CR, LF and anything above U+00FF;
 * Node refuses every other control character except tab.
 */
function isHeaderValue(value: string): boolean {
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(value) && !/^[\t ]|[\t ]$/.test(value);
}
