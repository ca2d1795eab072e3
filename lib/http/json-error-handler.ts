import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../logger';

/** What body-parser and Express attach to the errors they raise for a bad request. */
interface HttpError extends Error {
  status?: number;
  statusCode?: number;
  /** body-parser's reason, e.g. `entity.parse.failed`, `entity.too.large`. */
  type?: string;
}

/** A client-facing message per body-parser reason; the parser's own text may quote the body. */
const MESSAGES: Record<string, { code: string; message: string }> = {
  'entity.parse.failed': { code: 'BAD_REQUEST', message: 'The request body is not valid JSON' },
  'entity.too.large': { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' },
  'encoding.unsupported': { code: 'BAD_REQUEST', message: 'Unsupported content encoding' },
  'charset.unsupported': { code: 'BAD_REQUEST', message: 'Unsupported charset' },
  'request.aborted': { code: 'BAD_REQUEST', message: 'The request was aborted' },
};

/**
 * The last handler of every Express app: answers any error as a GraphQL-style JSON body
 * (`{"errors":[{"message","extensions":{"code"}}]}`) instead of Express's HTML page, which shows
 * the stack trace and file paths outside production. Client errors (4xx, e.g. malformed JSON or
 * an oversized body) keep their status; anything else is a logged 500 with a generic message.
 */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: HttpError, req, res, next) => {
    if (res.headersSent) return next(error);
    const status = error.status ?? error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const known = error.type ? MESSAGES[error.type] : undefined;
      const { code, message } = known ?? { code: 'BAD_REQUEST', message: 'Bad request' };
      logger.debug({ status, type: error.type, path: req.path }, 'refused a bad HTTP request');
      res.status(status).json({ errors: [{ message, extensions: { code } }] });
      return;
    }
    logger.error({ err: error, path: req.path }, 'unexpected error in an HTTP route');
    res.status(500).json({
      errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
  };
}
