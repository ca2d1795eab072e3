import type { DataSource } from 'typeorm';
import { devConveniencesAllowed } from '../config/node-env';
import type { ServiceConfig } from '../config/service-config';
import { openDatabase, type DatabaseOptions } from '../db/database';
import { consumerStarter, type StartConsumer } from '../events/consumer';
import { connectEventBus, type EventBus } from '../events/event-bus';
import { OutboxRelay } from '../events/outbox-relay';
import { databaseCheck, natsCheck, type ReadinessCheck } from '../http/health';
import { createLogger, type Logger } from '../logger';

/** What every subgraph starts with before its own parts: logs, its database, NATS, the relay. */
export interface ServiceRuntime {
  logger: Logger;
  dataSource: DataSource;
  bus: EventBus;
  relay: OutboxRelay;
  /** Postgres and NATS, for `/readyz`. */
  readiness: ReadinessCheck[];
  /** Starts consumers named `<name>_<event>` whose commits wake this service's relay. */
  consumer(name: string): StartConsumer;
  /** Stops the relay, drains NATS and closes the pool (after the service's own parts stopped). */
  close(): Promise<void>;
}

/** Opens the service's migrated database, connects to NATS and starts its outbox relay. */
export async function openServiceRuntime(
  config: ServiceConfig,
  schema: Pick<DatabaseOptions, 'entities' | 'migrations'>,
): Promise<ServiceRuntime> {
  const logger = createLogger(config.service, config.logLevel);
  const dataSource = await openDatabase({ url: config.databaseUrl, ...schema, logger });
  const bus = await connectEventBus({ ...config.nats, name: config.service, logger });
  const relay = new OutboxRelay({ dataSource, bus, logger });
  relay.start();
  return {
    logger,
    dataSource,
    bus,
    relay,
    readiness: [databaseCheck(dataSource), natsCheck(bus)],
    consumer: (name) => consumerStarter({ bus, dataSource, logger, publisher: relay, name }),
    close: async () => {
      await relay.stop();
      await bus.close();
      await dataSource.destroy();
    },
  };
}

/** The subgraph-server settings that come straight from a service's configuration. */
export function subgraphServerSettings(config: ServiceConfig) {
  return {
    secret: config.subgraphSecret,
    host: config.host,
    port: config.port,
    introspection: devConveniencesAllowed(config.nodeEnv),
  };
}
