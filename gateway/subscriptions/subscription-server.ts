import type { ApolloServer } from '@apollo/server';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Server } from 'node:http';
import type { Registry } from 'prom-client';
import { GraphQLError, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { decodeJwt } from 'jose';
import { WebSocket, WebSocketServer } from 'ws';
import { randomUUID } from 'node:crypto';
import type { AccessTokenVerifier } from '../../lib/auth/access-token';
import type { Subjects } from '../../lib/events/subjects';
import type { Logger } from '../../lib/logger';
import { bearerToken, callerFromAuthorization, type GatewayContext } from '../caller-from-request';
import { planOrderSubscription, type OrderSubscriptionPlan } from './order-query';
import { OrderAudiences } from './order-audiences';
import { OrderStatusEvents } from './order-status-events';
import { SubscriptionLimiter, type SubscriptionLimits } from './subscription-limits';
import { registerSubscriptionMetrics } from './subscription-metrics';

export interface SubscriptionServerOptions {
  httpServer: Server;
  apollo: ApolloServer<GatewayContext>;
  /** The gateway's current API schema, for validating subscription documents. */
  schema: () => GraphQLSchema;
  verify: AccessTokenVerifier;
  nc: NatsConnection;
  subjects: Subjects;
  logger: Logger;
  limits: SubscriptionLimits;
  /** Where the live subscriptions' series go (see {@link registerSubscriptionMetrics}). */
  metrics: Registry;
}

/** What the server keeps per connection once it is authenticated. */
type ConnectionState = {
  context?: GatewayContext;
  /** Closes the socket when the access token expires. */
  expiry?: NodeJS.Timeout;
};

/**
 * Why the socket is closed when the access token expires. graphql-ws clients retry this code
 * (unlike 4401), so one whose `connectionParams` is a function reconnects with a fresh token and
 * resubscribes by itself.
 */
export const TOKEN_EXPIRED = { code: CloseCode.Forbidden, reason: 'Access token expired' };

/** setTimeout's longest delay (about 24 days); access tokens live minutes. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const forbidden = () =>
  new GraphQLError('You may not follow this order', { extensions: { code: 'FORBIDDEN' } });

/**
 * graphql-ws on `/graphql` beside HTTP. A subscriber authenticates with `Authorization` (or
 * `authorization`) in `connectionParams`; the socket is closed when that token expires (code
 * 4403, reason `Access token expired`), and open subscriptions are capped per connection and per
 * user (`SUBSCRIPTION_LIMIT`). Each `orderStatusChanged` subscription is checked once by querying
 * the order as the subscriber (only its customer and its vendors can see it); that answer is the
 * first message, then every `order.status_changed` of the order is answered with the same query.
 */
export async function startSubscriptionServer(options: SubscriptionServerOptions): Promise<{
  stop(): Promise<void>;
}> {
  const { apollo, logger } = options;
  const events = await OrderStatusEvents.start(options.nc, options.subjects, logger);
  const limiter = new SubscriptionLimiter(options.limits);
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
    // Already formatted (masked) errors: what graphql-ws sends as they are.
    return (
      response.body.kind === 'single' ? response.body.singleResult : { errors: [forbidden()] }
    ) as ExecutionResult;
  };
  const countChangeQuery = registerSubscriptionMetrics(
    options.metrics,
    () => audiences,
    options.nc,
  );
  const audiences = new OrderAudiences(events, run, logger, countChangeQuery);

  const disposable = useServer<Record<string, unknown>, ConnectionState>(
    {
      schema: () => options.schema(),
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = (params.Authorization ?? params.authorization) as string | undefined;
        try {
          const caller = await callerFromAuthorization(authorization, null, options.verify);
          ctx.extra.context = { caller, requestId: randomUUID() };
        } catch {
          return false;
        }
        // Closed while the token was being checked: onClose has already run for it.
        if (ctx.extra.socket.readyState !== WebSocket.OPEN) return false;
        const token = authorization && bearerToken(authorization);
        if (token) {
          // Verified above, so its claims can be read as they are.
          const expiresAt = decodeJwt(token).exp;
          // A token that never expires would hold its subscriptions open for ever.
          if (!expiresAt) return false;
          ctx.extra.expiry = setTimeout(
            () => ctx.extra.socket.close(TOKEN_EXPIRED.code, TOKEN_EXPIRED.reason),
            Math.max(0, Math.min(expiresAt * 1000 - Date.now(), MAX_TIMER_MS)),
          );
        }
        limiter.connected(ctx.extra.context.caller.userId, ctx);
        return true;
      },
      onClose: (ctx) => {
        clearTimeout(ctx.extra.expiry);
        limiter.disconnected(ctx.extra.context?.caller.userId ?? null, ctx);
      },
      // No `await` before the check: graphql-ws has just registered this subscription, and each
      // one arriving must be counted before the next is checked.
      onSubscribe: (ctx) => {
        const refusal = limiter.refusal(ctx.extra.context?.caller.userId ?? null, ctx);
        return refusal ? [refusal] : undefined;
      },
      context: (ctx) => ctx.extra.context,
      execute: () => ({ errors: [new GraphQLError('Send queries and mutations over HTTP')] }),
      subscribe: async (args) => {
        const context = args.contextValue as GatewayContext;
        const variables = (args.variableValues ?? {}) as Record<string, unknown>;
        let plan: OrderSubscriptionPlan;
        try {
          plan = planOrderSubscription(args.document, variables);
        } catch (error) {
          // Answered as this subscription's error; thrown, graphql-ws would close the socket.
          if (error instanceof GraphQLError) return { errors: [error] };
          throw error;
        }
        // Listening before the current state is read, so no change in between is lost.
        const changes = audiences.join(plan, variables, context);
        try {
          const first = await run(plan, variables, context);
          const visible = (first.data as { orderStatusChanged?: unknown } | null | undefined)
            ?.orderStatusChanged;
          const badInput = first.errors?.find((e) => e.extensions?.code === 'BAD_USER_INPUT');
          // Bad input (e.g. a NUL in orderId) is said as such; anything else is "not yours".
          if (badInput) {
            const { message, path, extensions } = badInput;
            void changes.return();
            return { errors: [new GraphQLError(message, { path, extensions })] };
          }
          if (first.errors?.length || !visible) {
            void changes.return();
            return { errors: [forbidden()] };
          }
          // The order as it is now comes first; changes since the listening began follow.
          changes.pushFirst(first);
          return changes;
        } catch (error) {
          void changes.return();
          throw error;
        }
      },
    },
    wsServer,
  );

  logger.debug('subscriptions served over graphql-ws on /graphql');
  return {
    stop: async () => {
      await disposable.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      events.stop();
    },
  };
}
