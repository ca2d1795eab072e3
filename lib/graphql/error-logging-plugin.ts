import type { ApolloServerPlugin } from '@apollo/server';
import { isPublicError } from '../errors';
import type { Logger } from '../logger';

/**
 * Logs every error a client will see as `INTERNAL_SERVER_ERROR` in full (stack, driver detail),
 * tagged with the request id, so an operator can find what a user hit.
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
