// First: tracing must hook http, express and pg before anything loads them.
import '../../lib/telemetry/register';
import 'reflect-metadata';
import type { Env } from '../../lib/config/parse-env';
import { startSubgraphServer } from '../../lib/graphql/subgraph-server';
import { runService, type RunningService } from '../../lib/process/run-service';
import { openServiceRuntime, subgraphServerSettings } from '../../lib/process/service-runtime';
import { ordersConfigFromEnv, type OrdersConfig } from './config';
import { createOrdersContext } from './context';
import { ordersDatabase } from './database';
import { CONSUMER, startOrdersConsumers } from './events/consumers';
import { ordersPermissions } from './permissions';
import { ordersResolvers } from './resolvers';
import { createOrdersServices } from './services/orders-services';

/** Starts the orders subgraph: database, NATS, outbox relay, event consumers, GraphQL. */
export async function start(config: OrdersConfig): Promise<RunningService> {
  const runtime = await openServiceRuntime(config, ordersDatabase);
  const { dataSource, logger, relay } = runtime;
  const services = createOrdersServices({ dataSource, publisher: relay });
  const consumers = await startOrdersConsumers(runtime.consumer(CONSUMER), services, logger);
  const server = await startSubgraphServer({
    name: 'orders',
    resolvers: ordersResolvers,
    permissions: ordersPermissions,
    ...subgraphServerSettings(config),
    logger,
    readiness: runtime.readiness,
    metrics: runtime.metrics,
    createContext: (base) => createOrdersContext(base, services),
  });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await runtime.close();
    },
  };
}

/** Entry point for running the orders subgraph as its own process. */
export const startFromEnv = (env: Env) => start(ordersConfigFromEnv(env));

if (require.main === module) runService('orders', startFromEnv);
