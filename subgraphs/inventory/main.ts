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
import { inventoryConfigFromEnv, type InventoryConfig } from './config';
import { createInventoryContext } from './context';
import { Product } from './entities/product.entity';
import { ReservationLine } from './entities/reservation-line.entity';
import { Reservation } from './entities/reservation.entity';
import { StockLevel } from './entities/stock-level.entity';
import { StockMovement } from './entities/stock-movement.entity';
import { Warehouse } from './entities/warehouse.entity';
import { CONSUMER, startInventoryConsumers } from './events/consumers';
import { CreateInventory1763700000001 } from './migrations/1763700000001-create-inventory';
import { RestockAfterSale1764500000000 } from './migrations/1764500000000-restock-after-sale';
import { inventoryPermissions } from './permissions';
import { inventoryResolvers } from './resolvers';
import { createInventoryServices } from './services/inventory-services';
import { startReservationSweeper } from './services/reservation-sweeper';
import { registerReservationMetrics } from './reservation-metrics';

export const inventoryEntities = [
  Product,
  Warehouse,
  StockLevel,
  StockMovement,
  Reservation,
  ReservationLine,
  OutboxMessage,
  InboxEntry,
];
export const inventoryMigrations = [
  EventTables1763700000000,
  CreateInventory1763700000001,
  RestockAfterSale1764500000000,
];

/**
 * Starts the inventory subgraph: database, NATS, outbox relay, event consumers, the reservation
 * sweeper, GraphQL.
 */
export async function start(config: InventoryConfig): Promise<RunningService> {
  const runtime = await openServiceRuntime(config, {
    entities: inventoryEntities,
    migrations: inventoryMigrations,
  });
  const { dataSource, logger, relay } = runtime;
  const services = createInventoryServices({ dataSource, config, publisher: relay });
  registerReservationMetrics(runtime.metrics, dataSource);
  const consumers = await startInventoryConsumers(runtime.consumer(CONSUMER), services);
  const sweeper = startReservationSweeper(services.reservations, config.sweepIntervalMs, logger);
  const server = await startSubgraphServer({
    name: 'inventory',
    resolvers: inventoryResolvers,
    permissions: inventoryPermissions,
    ...subgraphServerSettings(config),
    logger,
    readiness: runtime.readiness,
    metrics: runtime.metrics,
    createContext: (base) => createInventoryContext(base, services),
  });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      await sweeper.stop();
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await runtime.close();
    },
  };
}

/** Entry point for running the inventory subgraph as its own process. */
export const startFromEnv = (env: Env) => start(inventoryConfigFromEnv(env));

if (require.main === module) runService('inventory', startFromEnv);
