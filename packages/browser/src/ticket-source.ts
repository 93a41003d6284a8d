import { ApiError, ConnectionError, InvalidResponseError, ValidationError } from '@oemkit/schema/errors';

/**
 * Where the page gets tickets: your own function, or your backend's ticket endpoint (as made by
 * `createTicketHandler` in `@oemkit/server`), which must answer a POST with `{ "ticketId": "..." }`.
 * With `ticketUrl` every failure is an oemkit error; what your own `getTicket` throws reaches
 * `ready` and the `error` event unchanged, so throw oemkit errors there if you switch on `code`.
 *
 * @example
 * ```ts
 * import type { TicketSource } from '@oemkit/browser';
 * const fromEndpoint: TicketSource = { ticketUrl: '/api/astrato-ticket' };
 * const fromFunction: TicketSource = { getTicket: () => myApi.astratoTicket() };
 * ```
 */
export type TicketSource = { getTicket: () => Promise<string>; ticketUrl?: never } | { ticketUrl: string; getTicket?: never };

/** @internal Turns either form of {@link TicketSource} into one function. */
export function ticketFetcher(source: Partial<{ getTicket: () => Promise<string>; ticketUrl: string }>): () => Promise<string> {
  if (typeof source.getTicket === 'function') return source.getTicket;
  if (typeof source.ticketUrl !== 'string') {
    throw new ValidationError('options', [{ path: ['getTicket'], message: 'pass getTicket() or ticketUrl' }]);
  }
  const url = source.ticketUrl;
  return async () => {
    const context = { service: 'host' as const, method: 'POST', url };
    let response: Response;
    let body: { ticketId?: unknown } | undefined;
    try {
      // Same-origin credentials carry the host's own session cookie to its backend.
      response = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } });
      body = response.ok ? ((await response.json()) as typeof body) : undefined;
    } catch (error) {
      throw new ConnectionError(context, error);
    }
    if (!response.ok) throw new ApiError({ ...context, status: response.status });
    if (typeof body?.ticketId !== 'string' || body.ticketId === '') {
      throw new InvalidResponseError(context, response.status, 'expected { "ticketId": "..." }');
    }
    return body.ticketId;
  };
}
