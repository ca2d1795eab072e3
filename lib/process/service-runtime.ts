import type { DataSource } from 'typeorm';
import { devConveniencesAllowed } from '../config/node-env';
import type { ServiceConfig } from '../config/service-config';
import { openDatabase, type DatabaseOptions } from '../db/database';
import { consumerStarter, type ConsumerOptions, type StartConsumer } from '../events/consumer';
import { connectEventBus, type EventBus } from '../events/event-bus';
import { withEventTables } from '../events/event-tables';
import { OutboxRelay } from '../events/outbox-relay';
import { databaseCheck, natsCheck, type ReadinessCheck } from '../http/health';
import { createLogger, type Logger } from '../logger';
import { ConsumerMetrics } from '../telemetry/consumer-metrics';
import { registerOutboxMetrics } from '../telemetry/outbox-metrics';
import { createServiceMetrics } from '../telemetry/service-metrics';
import type { Registry } from 'prom-client';
import { outboxAgeCheck } from './outbox-age-check';
import { msUntilShare, stopStep } from './shutdown';

/** What every service (subgraph or worker) starts with: logs, its database, NATS, the relay. */
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
  consumer(name: string, options?: ConsumerSettings): StartConsumer;
  /**
   * After the service's own parts stopped (requests, consumers): stops the relay once it has
   * published what is committed, drains NATS and closes the pool.
   */
  close(): Promise<void>;
}

/** How a service's consumers retry and how many events each handles at once. */
export type ConsumerSettings = Pick<ConsumerOptions<never>, 'retry' | 'concurrency'>;

export interface RuntimeOptions {
  /** Database pool size. Default that of `openDatabase` (20). */
  poolSize?: number;
}

/**
 * Opens the service's migrated database (its own tables plus the event tables), connects to NATS
 * and starts its outbox relay.
 */
export async function openServiceRuntime(
  config: ServiceConfig,
  schema: Pick<DatabaseOptions, 'entities' | 'migrations'>,
  options: RuntimeOptions = {},
): Promise<ServiceRuntime> {
  const logger = createLogger(config.service, config.logLevel);
  const dataSource = await openDatabase({
    url: config.databaseUrl,
    ...withEventTables(schema),
    poolSize: options.poolSize,
    logger,
  });
  const bus = await connectEventBus({ ...config.nats, name: config.service, logger }).catch(
    async (error: unknown) => {
      await dataSource.destroy();
      throw error;
    },
  );
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
    consumer: (name, settings) => {
      const start = consumerStarter({
        ...settings,
        bus,
        dataSource,
        logger,
        publisher: relay,
        name,
        metrics: consumerMetrics,
      });
      return async (type, handle, only) => {
        const consumer = await start(type, handle, only);
        // The last event it handles commits (and is acked) before the step ends.
        return { stop: () => stopStep(`${config.service}: consumer of ${type}`, consumer.stop) };
      };
    },
    close: async () => {
      await stopStep(`${config.service}: outbox relay`, async () => {
        await relay.stop();
        await drainOutbox(relay, logger);
      });
      await stopStep(`${config.service}: NATS connection`, () => bus.close());
      await stopStep(`${config.service}: database pool`, () => dataSource.destroy());
      metrics.stop();
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

/**
 * Publishes what the last requests and events committed to the outbox, so their events leave with
 * this process rather than at the next start; bounded by its share of the shutdown budget and to
 * the rows written before it began, however fast other replicas write. A failure (NATS gone) or
 * the bound leaves the rest to the next relay, which is no loss: the rows stay in the outbox.
 */
async function drainOutbox(relay: OutboxRelay, logger: Logger): Promise<void> {
  try {
    await relay.drainWrittenBefore(Date.now() + msUntilShare('outboxDrain'));
  } catch (error) {
    logger.warn(
      { err: error },
      'outbox not drained at shutdown; the next relay publishes the rest',
    );
  }
}
