/**
 * The `logger` option: what oemkit accepts as a logger, and the one function that writes
 * its structured events to it, redacted, without ever failing the call that logs.
 *
 * @module
 */
import { createRedactor, type Redactor } from '../redaction/redact.js';
import type { LogEvent } from './log-events.js';
import { guarded, readGuarded } from '../runtime/read-guarded.js';

/**
 * One logging method. Loggers disagree on argument order: pino (and bunyan) read `(fields,
 * message)`, winston and the console `(message, fields)`; oemkit calls each the way it reads, so
 * the fields arrive as structured fields either way (see {@link Logger}).
 *
 * @example
 * ```ts
 * import type { LogMethod } from '@oemkit/server';
 * const warn: LogMethod = (message, fields) => process.stderr.write(`${message} ${JSON.stringify(fields)}\n`);
 * ```
 */
export type LogMethod = (message: string, fields: LogFields) => unknown;

/**
 * What oemkit logs to: anything with some of `debug`, `info`, `warn` and `error`. `console`, a
 * pino logger and a winston logger are taken as they are. A level without its method is not
 * logged, so `{ warn: console.warn, error: console.error }` keeps the console to problems.
 *
 * The message is the event's name (`oemkit.request.retry`); its fields arrive as structured
 * fields: pino is called `logger.warn(fields, message)` (recognised by its public
 * `Symbol.for('pino.serializers')`), anything else `logger.warn(message, fields)`, which winston
 * merges into its info object and the console prints after the message. When the logger has
 * `isLevelEnabled` (pino and winston do), oemkit asks it first and builds no fields for a level
 * that is off. A logger that throws, or returns a rejected promise, never fails the call it logs
 * for. The events and their fields are listed in docs/observability.md.
 *
 * @example
 * ```ts
 * import pino from 'pino';
 * import { AstratoClient, createTicketHandler } from '@oemkit/server';
 * const logger = pino({ level: 'info' });
 * const astrato = new AstratoClient({ clientId, clientSecret, logger });
 * export const POST = createTicketHandler({ client: astrato, authorize, logger });
 * ```
 */
export interface Logger {
  debug?: LogMethod | undefined;
  info?: LogMethod | undefined;
  warn?: LogMethod | undefined;
  error?: LogMethod | undefined;
  /** Asked before an event is built, when present (pino, winston). */
  isLevelEnabled?: ((level: string) => boolean) | undefined;
}

/**
 * The levels oemkit logs at, lowest first.
 *
 * @example
 * ```ts
 * import { AstratoClient, type LogLevel, type Logger } from '@oemkit/server';
 * const shown: readonly string[] = ['warn', 'error'] satisfies LogLevel[];
 * const logger: Logger = { warn: console.warn, error: console.error, isLevelEnabled: (level) => shown.includes(level) };
 * const astrato = new AstratoClient({ clientId, clientSecret, logger });
 * ```
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * The fields of one event: flat, and only strings, numbers and booleans, so that every log format
 * shows them the same way. Strings are redacted before they reach the logger, except those of
 * oemkit's own words (`service`, `method`, `route`, `handler`, `error`, `errorCode`, `code`).
 *
 * @example
 * ```ts
 * import { AstratoClient, type LogFields } from '@oemkit/server';
 * const warn = (message: string, fields: LogFields) => console.warn(`${message} ${fields.service} ${fields.status ?? ''}`);
 * const astrato = new AstratoClient({ clientId, clientSecret, logger: { warn } });
 * ```
 */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;


/** @internal Writes one event; a no-op when no logger was given. */
export type Log = (level: LogLevel, event: LogEvent, fields?: LogFields) => void;

const PINO = Symbol.for('pino.serializers');
const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
// Keys the logger itself owns: winston overwrites `level` and appends a `message` field to the
// message; pino's `msg` and `time` would replace its own. A field by such a name is renamed.
const RESERVED = new Set(['level', 'message', 'msg', 'time', 'timestamp', 'v', 'pid', 'hostname']);
/**
 * Fields that hold oemkit's own words, never outside text: the service, method and route of a
 * call, a handler's name and answer word, an error's code. They are not redacted, since masking
 * runs of a secret would otherwise cut `databrain` out of a service name when the API key
 * happens to contain it. Outside text (a reason, a message, a correlation id) goes in other fields.
 */
const OWN_WORDS = new Set(['service', 'method', 'route', 'handler', 'error', 'errorCode', 'code']);
/** Whether a logger is being called now, by any {@link Log}: one event at a time, never one inside another. */
let writing = false;

/**
 * @internal The reason a `logger` option cannot be used, or `undefined` when it can (or is absent).
 * For the option checks of the clients and handlers.
 */
export function loggerProblem(logger: unknown): string | undefined {
  if (logger === undefined) return undefined;
  const given = logger as Record<string, unknown> | null;
  if ((typeof given !== 'object' && typeof given !== 'function') || given === null) {
    return 'must be a logger (console, pino, winston: an object with debug, info, warn or error methods)';
  }
  const methods: [LogLevel, unknown][] = [];
  for (const level of LEVELS) {
    const method = readGuarded(given, level);
    if (!method.ok) return 'could not be read: reading its debug, info, warn or error method threw';
    if (method.value !== undefined) methods.push([level, method.value]);
  }
  if (methods.length === 0) return 'must have at least one of debug, info, warn and error';
  const wrong = methods.find(([, method]) => typeof method !== 'function');
  return wrong === undefined ? undefined : `${wrong[0]} must be a function`;
}

/**
 * @internal Returns the {@link Log} that the clients, handlers and token stores write to.
 *
 * @param secrets - Everything the caller knows that must never be logged (client secret,
 *   `id:secret`, the current token, an API key). Read at each event, since tokens change; the
 *   redactor made from them is kept until they do.
 */
export function createLog(logger: Logger | undefined, secrets: () => readonly string[] = () => []): Log {
  if (logger === undefined || logger === null) return () => {};
  const objectFirst = isPino(logger);
  let redactor: Redactor | undefined;
  let redactorSecrets: readonly string[] = [];
  const redact = (value: string): string => {
    const current = secrets();
    if (redactor === undefined || !sameSecrets(current, redactorSecrets)) {
      redactor = createRedactor(current);
      redactorSecrets = [...current];
    }
    return redactor.text(value);
  };
  return (level, event, fields = {}) => {
    // An event raised while a logger is handling another (a logger that calls a client or a
    // handler) is dropped: passing it on would recurse until the stack runs out.
    if (writing) return;
    writing = true;
    try {
      const method = logger[level];
      if (typeof method !== 'function') return;
      if (typeof logger.isLevelEnabled === 'function' && !logger.isLevelEnabled(level)) return;
      const clean: Record<string, string | number | boolean> = {};
      for (const [key, value] of Object.entries(fields)) {
        const name = RESERVED.has(key) ? `oemkit_${key}` : key;
        if (typeof value === 'string') clean[name] = OWN_WORDS.has(key) ? value : redact(value);
        else if (typeof value === 'number' || typeof value === 'boolean') clean[name] = value;
      }
      const result: unknown = objectFirst ? Reflect.apply(method, logger, [clean, event]) : method.call(logger, event, clean);
      // An async logger's rejection would otherwise surface as an unhandled rejection.
      if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
        Promise.resolve(result).catch(() => {});
      }
    } catch {
      // Logging is never worth a failed ticket: a logger that throws loses this event only.
    } finally {
      writing = false;
    }
  };
}

/** pino, by its public symbol; `false` for a Proxy that throws when asked. */
function isPino(logger: Logger): boolean {
  const pino = guarded(() => PINO in logger);
  return pino.ok && pino.value;
}

function sameSecrets(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((secret, index) => secret === b[index]);
}
