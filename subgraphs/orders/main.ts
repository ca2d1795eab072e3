// First: tracing must hook http, express and pg before anything loads them.
import '../../lib/telemetry/register';
import 'reflect-metadata';
import type { Env } from '../../lib/config/parse-env';
import { EventTables1763700000000 } from '../../lib/events/event-tables.migration';
import { InboxEntry } from '../../lib/events/inbox-entry.entity';
import { OutboxMessage } from '../../lib/events/outbox-message.entity';
import { startSubgraphServer } from '../../lib/graphql/subgraph-server';
import { runService, type RunningService } from '../../lib/process/run-service';
import { openServiceRuntime, subgraphServerSettings } from '../../lib/process/service-runtime';
import { ordersConfigFromEnv, type OrdersConfig } from './config';
import { createOrdersContext } from './context';
import { OrderItem } from './entities/order-item.entity';
import { OrderStatusChange } from './entities/order-status-change.entity';
import { Order } from './entities/order.entity';
import { Product } from './entities/product.entity';
import { CONSUMER, startOrdersConsumers } from './events/consumers';
import { CreateOrders1763700000001 } from './migrations/1763700000001-create-orders';
import { ordersPermissions } from './permissions';
import { ordersResolvers } from './resolvers';
import { createOrdersServices } from './services/orders-services';

export const ordersEntities = [
  Product,
  Order,
  OrderItem,
  OrderStatusChange,
  OutboxMessage,
  InboxEntry,
];
export const ordersMigrations = [EventTables1763700000000, CreateOrders1763700000001];

/** Starts the orders subgraph: database, NATS, outbox relay, event consumers, GraphQL. */
export async function start(config: OrdersConfig): Promise<RunningService> {
  const runtime = await openServiceRuntime(config, {
    entities: ordersEntities,
    migrations: ordersMigrations,
  });
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
