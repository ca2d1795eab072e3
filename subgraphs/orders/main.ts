import 'reflect-metadata';
import type { Env } from '../../lib/config/parse-env';
import { openDatabase } from '../../lib/db/database';
import { connectEventBus } from '../../lib/events/event-bus';
import { EventTables1763700000000 } from '../../lib/events/event-tables.migration';
import { InboxEntry } from '../../lib/events/inbox-entry.entity';
import { OutboxMessage } from '../../lib/events/outbox-message.entity';
import { OutboxRelay } from '../../lib/events/outbox-relay';
import { startSubgraphServer } from '../../lib/graphql/subgraph-server';
import { databaseCheck, natsCheck } from '../../lib/http/health';
import { createLogger } from '../../lib/logger';
import { runService, type RunningService } from '../../lib/process/run-service';
import { ordersConfigFromEnv, type OrdersConfig } from './config';
import { createOrdersContext } from './context';
import { OrderItem } from './entities/order-item.entity';
import { OrderStatusChange } from './entities/order-status-change.entity';
import { Order } from './entities/order.entity';
import { Product } from './entities/product.entity';
import { startOrdersConsumers } from './events/consumers';
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
  const logger = createLogger('orders', config.logLevel);
  const dataSource = await openDatabase({
    url: config.databaseUrl,
    entities: ordersEntities,
    migrations: ordersMigrations,
    logger,
  });
  const bus = await connectEventBus({ ...config.nats, name: 'orders', logger });
  const relay = new OutboxRelay({ dataSource, bus, logger });
  relay.start();
  const services = createOrdersServices({ dataSource, publisher: relay });
  const consumers = await startOrdersConsumers({
    bus,
    dataSource,
    logger,
    publisher: relay,
    services,
  });
  const server = await startSubgraphServer({
    name: 'orders',
    resolvers: ordersResolvers,
    permissions: ordersPermissions,
    secret: config.subgraphSecret,
    host: config.host,
    port: config.port,
    introspection: config.nodeEnv !== 'production',
    logger,
    readiness: [databaseCheck(dataSource), natsCheck(bus)],
    createContext: (base) => createOrdersContext(base, services),
  });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await relay.stop();
      await bus.close();
      await dataSource.destroy();
    },
  };
}

/** Entry point for running the orders subgraph as its own process. */
export const startFromEnv = (env: Env) => start(ordersConfigFromEnv(env));

if (require.main === module) runService('orders', startFromEnv);
