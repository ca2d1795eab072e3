import type { ApolloServerPlugin } from '@apollo/server';
import { isPublicError } from '../errors';
import type { Logger } from '../logger';

/**
 * Logs every error a client will see as `INTERNAL_SERVER_ERROR` with its stack, tagged with the
 * request id, so an operator can find what a user hit. A database error is logged by its code,
 * constraint and table only: the logger's `err` serializer drops the SQL, its parameters and the
 * driver's detail, which hold emails, password hashes and whole rows.
 */
export function errorLoggingPlugin<Context extends { requestId: string }>(
  logger: Logger,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (isPublicError(error)) continue;
            logger.error(
              {
                err: error.originalError ?? error,
                path: error.path,
                operationName,
                requestId: contextValue.requestId,
              },
              'unexpected error',
            );
          }
        },
      };
    },
  };
}
