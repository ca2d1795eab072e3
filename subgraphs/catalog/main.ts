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
import { catalogConfigFromEnv, type CatalogConfig } from './config';
import { createCatalogContext } from './context';
import { Category } from './entities/category.entity';
import { Product } from './entities/product.entity';
import { CreateCatalog1763700000001 } from './migrations/1763700000001-create-catalog';
import { catalogPermissions } from './permissions';
import { catalogResolvers } from './resolvers';
import { createCatalogServices } from './services/catalog-services';

export const catalogEntities = [Product, Category, OutboxMessage, InboxEntry];
export const catalogMigrations = [EventTables1763700000000, CreateCatalog1763700000001];

/** Starts the catalog subgraph: database, NATS, outbox relay, GraphQL. */
export async function start(config: CatalogConfig): Promise<RunningService> {
  const logger = createLogger('catalog', config.logLevel);
  const dataSource = await openDatabase({
    url: config.databaseUrl,
    entities: catalogEntities,
    migrations: catalogMigrations,
    logger,
  });
  const bus = await connectEventBus({ ...config.nats, name: 'catalog', logger });
  const relay = new OutboxRelay({ dataSource, bus, logger });
  relay.start();
  const services = createCatalogServices({ dataSource, publisher: relay });
  const server = await startSubgraphServer({
    name: 'catalog',
    resolvers: catalogResolvers,
    permissions: catalogPermissions,
    secret: config.subgraphSecret,
    host: config.host,
    port: config.port,
    introspection: config.nodeEnv !== 'production',
    logger,
    readiness: [databaseCheck(dataSource), natsCheck(bus)],
    createContext: (base) => createCatalogContext(base, services),
  });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      await relay.stop();
      await bus.close();
      await dataSource.destroy();
    },
  };
}

/** Entry point for running the catalog subgraph as its own process. */
export const startFromEnv = (env: Env) => start(catalogConfigFromEnv(env));

if (require.main === module) runService('catalog', startFromEnv);
