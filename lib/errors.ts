import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Every `extensions.code` Bazaar returns besides Apollo's own. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'INSUFFICIENT_STOCK'
  | 'INVALID_STATE';

/** An expected failure, returned to the client as is. */
export class BazaarError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
  }
}

/** Input failed validation; `field` is the path of the offending argument, e.g. `input.email`. */
export class BadUserInputError extends BazaarError {
  constructor(field: string, message: string) {
    super('BAD_USER_INPUT', message, { field });
  }
}

export class UnauthenticatedError extends BazaarError {
  constructor(message = 'You must be signed in') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends BazaarError {
  constructor(message = 'You are not allowed to do this') {
    super('FORBIDDEN', message);
  }
}

export class NotFoundError extends BazaarError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} not found`);
  }
}

/** A uniqueness rule was broken; `field` names the input that collided. */
export class ConflictError extends BazaarError {
  constructor(field: string, message: string) {
    super('CONFLICT', message, { field });
  }
}

export class RateLimitedError extends BazaarError {
  constructor(retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many attempts; try again in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  }
}

export class InvalidStateError extends BazaarError {
  constructor(message: string) {
    super('INVALID_STATE', message);
  }
}

/** Not enough stock for the change; nothing was changed. */
export class InsufficientStockError extends BazaarError {
  constructor(message = 'Not enough stock for this change') {
    super('INSUFFICIENT_STOCK', message);
  }
}

/** Codes produced by GraphQL itself (parsing, validation, armor limits) that are safe to show. */
const PUBLIC_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INSUFFICIENT_STOCK',
  'INVALID_STATE',
]);

/** Whether an error may be shown to clients as it is. */
export function isPublicError(error: GraphQLFormattedError): boolean {
  const code = error.extensions?.code;
  return typeof code === 'string' && PUBLIC_CODES.has(code);
}

/**
 * An Apollo `formatError` that passes expected errors through and replaces anything else with a
 * generic message, so no stack trace, SQL or driver text ever reaches a client. The original is
 * logged, with the request id, by {@link errorLoggingPlugin}.
 */
export function maskUnexpectedErrors(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (isPublicError(formatted)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: 'Internal server error',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
