import type { ApolloServer } from '@apollo/server';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Server } from 'node:http';
import { GraphQLError, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { randomUUID } from 'node:crypto';
import type { AccessTokenVerifier } from '../../lib/auth/access-token';
import type { Subjects } from '../../lib/events/subjects';
import type { Logger } from '../../lib/logger';
import { callerFromAuthorization, type GatewayContext } from '../caller-from-request';
import { planOrderSubscription, type OrderSubscriptionPlan } from './order-query';
import { orderStatusEvents } from './order-status-events';

export interface SubscriptionServerOptions {
  httpServer: Server;
  apollo: ApolloServer<GatewayContext>;
  /** The gateway's current API schema, for validating subscription documents. */
  schema: () => GraphQLSchema;
  verify: AccessTokenVerifier;
  nc: NatsConnection;
  subjects: Subjects;
  logger: Logger;
}

const forbidden = () =>
  new GraphQLError('You may not follow this order', { extensions: { code: 'FORBIDDEN' } });

/**
 * graphql-ws on `/graphql` beside HTTP. A subscriber authenticates with `Authorization` (or
 * `authorization`) in `connectionParams`. Each `orderStatusChanged` subscription is checked once
 * by querying the order as the subscriber (only its customer and its vendors can see it); that
 * answer is the first message, then every `order.status_changed` of the order is answered with
 * the same query.
 */
export function startSubscriptionServer(options: SubscriptionServerOptions): {
  stop(): Promise<void>;
} {
  const { apollo, logger } = options;
  const wsServer = new WebSocketServer({ server: options.httpServer, path: '/graphql' });

  const run = async (
    plan: OrderSubscriptionPlan,
    variables: Record<string, unknown>,
    context: GatewayContext,
  ) => {
    const response = await apollo.executeOperation(
      { query: plan.query, variables },
      { contextValue: { ...context, requestId: randomUUID() } },
    );
    return response.body.kind === 'single' ? response.body.singleResult : { errors: [forbidden()] };
  };

  const disposable = useServer<Record<string, unknown>, { context?: GatewayContext }>(
    {
      schema: () => options.schema(),
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = (params.Authorization ?? params.authorization) as string | undefined;
        try {
          const caller = await callerFromAuthorization(authorization, null, options.verify);
          ctx.extra.context = { caller, requestId: randomUUID() };
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx) => ctx.extra.context,
      execute: () => ({ errors: [new GraphQLError('Send queries and mutations over HTTP')] }),
      subscribe: async (args) => {
        const context = args.contextValue as GatewayContext;
        const variables = (args.variableValues ?? {}) as Record<string, unknown>;
        const plan = planOrderSubscription(args.document, variables);
        const first = await run(plan, variables, context);
        const visible = (first.data as { orderStatusChanged?: unknown } | null | undefined)
          ?.orderStatusChanged;
        if (first.errors?.length || !visible) return { errors: [forbidden()] };
        return results(first as ExecutionResult, plan, variables, context);
      },
    },
    wsServer,
  );

  async function* results(
    current: ExecutionResult,
    plan: OrderSubscriptionPlan,
    variables: Record<string, unknown>,
    context: GatewayContext,
  ): AsyncGenerator<ExecutionResult> {
    // The order as it is now comes first, so no change between placing and subscribing is lost.
    yield current;
    for await (const event of orderStatusEvents(options.nc, options.subjects, plan.orderId)) {
      const result = await run(plan, variables, context);
      const order = (result.data as { orderStatusChanged?: Record<string, unknown> } | null)
        ?.orderStatusChanged;
      // Report the status this event changed to, even if a later change already landed.
      if (order) for (const key of plan.statusKeys) order[key] = event.data.to;
      yield result as ExecutionResult;
    }
  }

  logger.debug('subscriptions served over graphql-ws on /graphql');
  return {
    stop: async () => {
      await disposable.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
