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
import type { Caller } from '../../lib/auth/caller';
import type { Subjects } from '../../lib/events/subjects';
import type { Logger } from '../../lib/logger';
import { bearerToken, callerFromAuthorization, type GatewayContext } from '../caller-from-request';
import { ConnectionSweep } from './connection-sweep';
import { planOrderSubscription, type OrderSubscriptionPlan } from './order-query';
import { OrderAudiences } from './order-audiences';
import { OrderStatusEvents } from './order-status-events';
import { SubscriptionLimiter, type SubscriptionLimits } from './subscription-limits';
import { SubscriptionDocuments } from './subscription-documents';
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
  caller?: Caller;
};

/**
 * The largest message a client may send: a subscription's query and variables, or the
 * connection's parameters (an access token), are a few kilobytes (ws would take 100 MiB).
 */
const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * Why the socket is closed when the access token expires. graphql-ws clients retry this code
 * (unlike 4401), so one whose `connectionParams` is a function reconnects with a fresh token and
 * resubscribes by itself.
 */
export const TOKEN_EXPIRED = { code: CloseCode.Forbidden, reason: 'Access token expired' };

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
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    maxPayload: MAX_MESSAGE_BYTES,
  });
  const sweep = new ConnectionSweep({ sockets: () => wsServer.clients, expired: TOKEN_EXPIRED });
  wsServer.on('connection', (socket) => socket.on('pong', answered));
  function answered(this: WebSocket) {
    sweep.answered(this);
  }
  const documents = new SubscriptionDocuments();

  const run = async (
    plan: OrderSubscriptionPlan,
    variables: Record<string, unknown>,
    caller: Caller,
  ) => {
    const response = await apollo.executeOperation(
      { query: plan.query, variables },
      { contextValue: { caller, requestId: randomUUID() } satisfies GatewayContext },
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
          ctx.extra.caller = await callerFromAuthorization(authorization, null, options.verify);
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
          sweep.expireAt(ctx.extra.socket, expiresAt * 1000);
        }
        limiter.connected(ctx.extra.caller.userId, ctx);
        forgetHandshake(ctx);
        return true;
      },
      onClose: (ctx) => {
        sweep.forget(ctx.extra.socket);
        limiter.disconnected(ctx.extra.caller?.userId ?? null, ctx);
      },
      // No `await` before the check: graphql-ws has just registered this subscription, and each
      // one arriving must be counted before the next is checked.
      // The execution arguments come from here, so graphql-ws does not parse a document of its own
      // for every subscription: subscriptions of one text share a document (and so a query).
      onSubscribe: (ctx, _id, payload) => {
        const refusal = limiter.refusal(ctx.extra.caller?.userId ?? null, ctx);
        if (refusal) return [refusal];
        const schema = options.schema();
        const document = documents.get(schema, payload.query);
        if (!('kind' in document)) return [...document];
        forgetQueryText(payload);
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: ctx.extra.caller,
        };
      },
      execute: () => ({ errors: [new GraphQLError('Send queries and mutations over HTTP')] }),
      subscribe: async (args) => {
        const caller = args.contextValue as Caller;
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
        const changes = audiences.join(plan, variables, caller);
        try {
          const first = await run(plan, variables, caller);
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
    // No timer per socket: the sweep pings them all.
    0,
  );

  logger.debug('subscriptions served over graphql-ws on /graphql');
  return {
    stop: async () => {
      sweep.stop();
      await disposable.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      events.stop();
    },
  };
}

/**
 * graphql-ws keeps the connection's parameters (the access token) and its upgrade request (with
 * every header) for as long as the socket is open, for hooks to read; ours have read all they
 * need once the connection is accepted.
 */
function forgetHandshake(ctx: { connectionParams?: unknown; extra: { request?: unknown } }): void {
  delete ctx.connectionParams;
  delete ctx.extra.request;
}

/**
 * graphql-ws keeps each subscription's `subscribe` message while it runs, for hooks to read; the
 * subscription holds the shared document instead of its own copy of the text.
 */
function forgetQueryText(payload: { query: string }): void {
  payload.query = '';
}
