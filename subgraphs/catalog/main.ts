// First: tracing must hook http, express and pg before anything loads them.
import '../../lib/telemetry/register';
import 'reflect-metadata';
import type { Env } from '../../lib/config/parse-env';
import { startSubgraphServer } from '../../lib/graphql/subgraph-server';
import { runService, type RunningService } from '../../lib/process/run-service';
import { openServiceRuntime, subgraphServerSettings } from '../../lib/process/service-runtime';
import { catalogConfigFromEnv, type CatalogConfig } from './config';
import { createCatalogContext } from './context';
import { catalogDatabase } from './database';
import { CONSUMER, startCatalogConsumers } from './events/consumers';
import { catalogPermissions } from './permissions';
import { catalogResolvers } from './resolvers';
import { createCatalogServices } from './services/catalog-services';

/** Starts the catalog subgraph: database, NATS, outbox relay, event consumers, GraphQL. */
export async function start(config: CatalogConfig): Promise<RunningService> {
  const runtime = await openServiceRuntime(config, catalogDatabase);
  const services = createCatalogServices({
    dataSource: runtime.dataSource,
    publisher: runtime.relay,
  });
  const consumers = await startCatalogConsumers(runtime.consumer(CONSUMER));
  const server = await startSubgraphServer({
    name: 'catalog',
    resolvers: catalogResolvers,
    permissions: catalogPermissions,
    ...subgraphServerSettings(config),
    logger: runtime.logger,
    readiness: runtime.readiness,
    metrics: runtime.metrics,
    createContext: (base) => createCatalogContext(base, services),
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

/** Entry point for running the catalog subgraph as its own process. */
export const startFromEnv = (env: Env) => start(catalogConfigFromEnv(env));

if (require.main === module) runService('catalog', startFromEnv);
