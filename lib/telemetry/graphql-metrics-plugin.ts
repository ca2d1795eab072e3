import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { trace } from '@opentelemetry/api';
import { Counter, Histogram, type Registry } from 'prom-client';
import { OperationLabels } from './operation-names';

/** Seconds; from a cached lookup to a slow checkout. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Counts GraphQL requests and their latency per operation name (bounded, see OperationLabels)
 * and outcome: `ok`, `error` (the operation ran and some field failed) or `rejected` (refused
 * before running: syntax, validation, limits). Also names the operation on the request's span.
 */
export function graphqlMetricsPlugin<Context extends object>(
  registry: Registry,
): ApolloServerPlugin<Context> {
  const requests = new Counter({
    name: 'bazaar_graphql_requests_total',
    help: 'GraphQL requests by operation name and outcome (ok, error, rejected)',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'bazaar_graphql_request_duration_seconds',
    help: 'GraphQL request latency by operation name',
    labelNames: ['operation'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const labels = new OperationLabels();
  return {
    async requestDidStart() {
      const stopTimer = duration.startTimer();
      return {
        async willSendResponse(request: GraphQLRequestContextWillSendResponse<Context>) {
          const operation = labels.label(request.operationName);
          requests.inc({ operation, outcome: outcomeOf(request) });
          stopTimer({ operation });
          if (request.operationName) {
            trace.getActiveSpan()?.setAttribute('graphql.operation.name', operation);
          }
        },
      };
    },
  };
}

function outcomeOf<Context extends object>(
  request: GraphQLRequestContextWillSendResponse<Context>,
): string {
  if (!request.operation) return 'rejected';
  const body = request.response.body;
  const fieldErrors = body.kind === 'single' ? body.singleResult.errors : undefined;
  return request.errors?.length || fieldErrors?.length ? 'error' : 'ok';
}
