import type { DataSource } from 'typeorm';
import { devConveniencesAllowed } from '../config/node-env';
import type { ServiceConfig } from '../config/service-config';
import { openDatabase, type DatabaseOptions } from '../db/database';
import { consumerStarter, type StartConsumer } from '../events/consumer';
import { connectEventBus, type EventBus } from '../events/event-bus';
import { OutboxRelay } from '../events/outbox-relay';
import { databaseCheck, natsCheck, outboxAgeCheck, type ReadinessCheck } from '../http/health';
import { createLogger, type Logger } from '../logger';
import { ConsumerMetrics } from '../telemetry/consumer-metrics';
import { registerOutboxMetrics } from '../telemetry/outbox-metrics';
import { createServiceMetrics } from '../telemetry/service-metrics';
import type { Registry } from 'prom-client';

/** What every subgraph starts with before its own parts: logs, its database, NATS, the relay. */
export interface ServiceRuntime {
  logger: Logger;
  dataSource: DataSource;
  bus: EventBus;
  relay: OutboxRelay;
  /** The service's Prometheus registry (`/metrics`): process, outbox and consumer metrics so far. */
  metrics: Registry;
  /** Postgres, NATS and the outbox's age, for `/readyz`. */
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
  const metrics = createServiceMetrics(config.service);
  registerOutboxMetrics(metrics, dataSource);
  const consumerMetrics = new ConsumerMetrics(metrics, bus.jsm);
  return {
    logger,
    dataSource,
    bus,
    relay,
    metrics,
    readiness: [
      databaseCheck(dataSource),
      natsCheck(bus),
      outboxAgeCheck(dataSource, config.outboxMaxAgeSeconds),
    ],
    consumer: (name) =>
      consumerStarter({
        bus,
        dataSource,
        logger,
        publisher: relay,
        name,
        metrics: consumerMetrics,
      }),
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
