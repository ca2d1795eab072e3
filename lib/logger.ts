import pino from 'pino';

export type Logger = pino.Logger;

/** Where log lines go: standard output unless a test captures them. */
export type LogDestination = pino.DestinationStream;

/** A JSON logger tagged with the service name; request-scoped loggers are children of it. */
export function createLogger(service: string, level: string, destination?: LogDestination): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    // `error` too: a bare error under another key would be written with all its enumerable
    // properties, which for a database error are the SQL and its values.
    serializers: { err: serializeError, error: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** An error as it is written to the log. */
export interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  [property: string]: unknown;
}

/*
 * Database errors. TypeORM's QueryFailedError carries the statement (`query`), its bound values
 * (`parameters`) and pg's error (`driverError`), whose fields it also copies onto itself; pg's
 * `detail` holds values (`Key (email)=(a@b.c) already exists`, `Failing row contains (...)`, a
 * whole row with its password hash) and `where` / `internalQuery` hold SQL. Of such an error only
 * the fields that name things are logged, and its message without quoted values.
 */

/** Fields of a PostgreSQL error that name things and never hold data. */
const DATABASE_ERROR_FIELDS = [
  'code',
  'severity',
  'constraint',
  'table',
  'column',
  'schema',
  'dataType',
  'routine',
] as const;

/** Properties that carry SQL text, bound values or row contents, dropped from any error. */
const SQL_CARRYING_PROPERTIES = new Set([
  'query',
  'parameters',
  'driverError',
  'detail',
  'where',
  'internalQuery',
  'hint',
]);

type ErrorLike = Error & Record<string, unknown>;

function isErrorLike(value: unknown): value is ErrorLike {
  return (
    typeof value === 'object' && value !== null && typeof Reflect.get(value, 'message') === 'string'
  );
}

function isDatabaseError(error: ErrorLike): boolean {
  return (
    'driverError' in error ||
    'parameters' in error ||
    'query' in error ||
    (typeof error.severity === 'string' && typeof error.code === 'string')
  );
}

/**
 * A database error's message with every double-quoted value replaced by `"[redacted]"`, except
 * names the error reports itself (its table, column, constraint, ...): `value "2147483648" is out
 * of range`, `invalid input syntax for type uuid: "..."`. SQLSTATE class 42 (syntax, unknown
 * relation or column) is about the statement, whose values are parameters, so it stays whole.
 */
function redactDatabaseMessage(error: ErrorLike): string {
  const source = isErrorLike(error.driverError) ? error.driverError : error;
  if (typeof source.code === 'string' && source.code.startsWith('42')) return error.message;
  const names = new Set(
    DATABASE_ERROR_FIELDS.map((field) => source[field]).filter(
      (value): value is string => typeof value === 'string',
    ),
  );
  return error.message.replace(/"((?:[^"]|"")*)"/g, (quoted, inner: string) =>
    names.has(inner.replace(/""/g, '"')) ? quoted : '"[redacted]"',
  );
}

/** An error's message fit for logs and dead letters: a database error's without its values. */
export function safeErrorMessage(error: unknown): string {
  if (!isErrorLike(error)) return String(error);
  return isDatabaseError(error) ? redactDatabaseMessage(error) : error.message;
}

function typeOf(error: ErrorLike): string {
  const name = error.constructor?.name;
  return typeof name === 'string' && name !== 'Object' ? name : String(error.name);
}

function serializeDatabaseError(error: ErrorLike): SerializedError {
  const message = redactDatabaseMessage(error);
  const type = typeOf(error);
  // The stack's first line repeats the message, so it is rebuilt from the frames alone.
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const result: SerializedError = {
    type,
    message,
    stack: [`${type}: ${message}`, ...frames].join('\n'),
  };
  const source = isErrorLike(error.driverError) ? error.driverError : error;
  for (const field of DATABASE_ERROR_FIELDS) {
    if (source[field] !== undefined) result[field] = source[field];
  }
  return result;
}

function serializeValue(value: unknown, seen: WeakSet<object>): unknown {
  if (Array.isArray(value)) return value.map((item) => serializeValue(item, seen));
  return isErrorLike(value) ? serializeErrorOnce(value, seen) : value;
}

function serializeErrorOnce(error: ErrorLike, seen: WeakSet<object>): SerializedError {
  if (seen.has(error)) return { type: typeOf(error), message: '[circular]' };
  seen.add(error);
  if (isDatabaseError(error)) return serializeDatabaseError(error);
  const result: SerializedError = {
    type: typeOf(error),
    message: error.message,
    stack: error.stack,
  };
  for (const key in error) {
    if (key in result || SQL_CARRYING_PROPERTIES.has(key)) continue;
    result[key] = serializeValue(error[key], seen);
  }
  // Not enumerable, yet where a wrapped database error hides (GraphQLError, `new Error(m, { cause })`).
  for (const key of ['cause', 'originalError']) {
    if (error[key] !== undefined && !(key in result))
      result[key] = serializeValue(error[key], seen);
  }
  return result;
}

/**
 * The logger's serializer for `err`: message, stack and the error's own properties, with causes
 * and wrapped errors serialized the same way. Database errors are cut down to the fields that
 * name things (code, constraint, table, ...): no SQL, no bound values, no row contents.
 */
export function serializeError(value: unknown): unknown {
  return isErrorLike(value) ? serializeErrorOnce(value, new WeakSet()) : value;
}
