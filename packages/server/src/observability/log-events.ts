/**
 * Every structured event oemkit writes to a `logger`, with its level and where it comes
 * from: the one list. Code can only log a name listed here ({@link LogEvent}), and
 * docs/observability.md shows this table, which a test holds to it.
 *
 * @module
 */

/**
 * @internal While a token store stays down, its warning is repeated this often (with the count of failures
 * so far): often enough that a long outage stays visible, seldom enough not to flood the log.
 */
export const STORE_WARNING_INTERVAL = 5 * 60_000;

/** @internal What the documentation says of one event: its level (and how often, when not once per occurrence) and what writes it. */
export interface LogEventFacts {
  readonly level: string;
  readonly from: string;
}

/**
 * @internal The events, in the order docs/observability.md lists them. `level` and `from` are the
 * table's cells as written there.
 */
export const LOG_EVENTS = {
  'oemkit.token.fetched': { level: 'info', from: '`AstratoClient`' },
  'oemkit.request.retry': { level: 'warn', from: 'both clients' },
  'oemkit.request.finished': { level: 'debug; warn when the call failed; debug when the caller aborted it', from: 'both clients' },
  'oemkit.ticket.issued': { level: 'info', from: '`createTicketHandler`' },
  'oemkit.ticket.session_kept': { level: 'info', from: '`createTicketHandler`' },
  'oemkit.guest_token.issued': { level: 'info', from: '`createGuestTokenHandler`' },
  'oemkit.handler.refused': {
    level: 'debug for 405; info for 401 and 403 `forbidden`; warn for 403 `cross_site_request`, 429 and 503; error for 500 and 502; debug when the browser gave up',
    from: 'both handlers',
  },
  'oemkit.handler.rate_limited': { level: 'warn', from: 'both handlers' },
  'oemkit.rate_limit.unavailable': { level: 'warn', from: 'both handlers' },
  'oemkit.rate_limit.unkeyed': { level: 'warn, once', from: '`createGuestTokenHandler`' },
  'oemkit.token_store.unavailable': {
    level: `warn, at an outage's first failure, then every ${STORE_WARNING_INTERVAL / 60_000} minutes while it lasts`,
    from: '`AstratoClient` with `tokenStore`',
  },
  'oemkit.token_store.recovered': { level: 'info, once per outage', from: '`AstratoClient` with `tokenStore`' },
  'oemkit.token_store.lock_wait_exceeded': {
    level: 'warn, each time a process stops waiting for the fleet and fetches its own token',
    from: '`AstratoClient` with `tokenStore`',
  },
} as const satisfies Record<`oemkit.${string}`, LogEventFacts>;

/** @internal An event name, one of {@link LOG_EVENTS}: `oemkit.` then lower-case words joined by dots. */
export type LogEvent = keyof typeof LOG_EVENTS;
