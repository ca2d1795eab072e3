// First: tracing must hook http, express and pg before anything loads them.
import '../../lib/telemetry/register';
import 'reflect-metadata';
import type { Env } from '../../lib/config/parse-env';
import { startSubgraphServer } from '../../lib/graphql/subgraph-server';
import { runService, type RunningService } from '../../lib/process/run-service';
import { openServiceRuntime, subgraphServerSettings } from '../../lib/process/service-runtime';
import { inventoryConfigFromEnv, type InventoryConfig } from './config';
import { createInventoryContext } from './context';
import { inventoryDatabase } from './database';
import { CONSUMER, startInventoryConsumers } from './events/consumers';
import { inventoryPermissions } from './permissions';
import { inventoryResolvers } from './resolvers';
import { createInventoryServices } from './services/inventory-services';
import { startReservationSweeper } from './services/reservation-sweeper';
import { registerReservationMetrics } from './reservation-metrics';

/**
 * Starts the inventory subgraph: database, NATS, outbox relay, event consumers, the reservation
 * sweeper, GraphQL.
 */
export async function start(config: InventoryConfig): Promise<RunningService> {
  const runtime = await openServiceRuntime(config, inventoryDatabase);
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
