/**
 * The host's own witness: what each request to its ticket endpoint carried and was answered, beside
 * the emulator's call log (which sees only what reached Astrato).
 */
import { SESSION_KEY_HEADER } from '@oemkit/schema/core';
import { hostUserOf, type HostUser } from './host-users.js';

/** One request to a ticket endpoint of the test host. */
export interface TicketCall {
  /** `/api/ticket`, or `/api/ticket-old` for the older server. */
  path: string;
  /** Who the host said was signed in; `undefined` for an unknown name (answered 401). */
  user: HostUser | undefined;
  /** The `Oemkit-Session-Key` header the page sent, as sent; `undefined` when it sent none. */
  sessionKeyHeader: string | undefined;
  status: number;
  /** The JSON answered (`{ ticketId, sessionKey }`, `{ sessionKey }`, `{ ticketId }`, `{ error }`). */
  answer: Record<string, unknown>;
}

/** Wraps a ticket handler so each request and its answer land in `log`, answered unchanged. */
export function loggedTicketEndpoint(handler: (request: Request) => Promise<Response>, log: TicketCall[]): (request: Request) => Promise<Response> {
  return async (request) => {
    const { pathname } = new URL(request.url);
    const user = hostUserOf(request);
    const sessionKeyHeader = request.headers.get(SESSION_KEY_HEADER) ?? undefined;
    const response = await handler(request);
    const answer = (await response.clone().json().catch(() => ({}))) as Record<string, unknown>;
    log.push({ path: pathname, user, sessionKeyHeader, status: response.status, answer });
    return response;
  };
}
