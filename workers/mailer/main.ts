// First: tracing must hook http, express and pg before anything loads them.
import '../../lib/telemetry/register';
import 'reflect-metadata';
import express from 'express';
import type { Env } from '../../lib/config/parse-env';
import { openDatabase } from '../../lib/db/database';
import { startConsumer } from '../../lib/events/consumer';
import { connectEventBus } from '../../lib/events/event-bus';
import { addHealthRoutes, databaseCheck, natsCheck } from '../../lib/http/health';
import { listen } from '../../lib/http/listen';
import { createLogger } from '../../lib/logger';
import { ConsumerMetrics } from '../../lib/telemetry/consumer-metrics';
import { createServiceMetrics, metricsHandler } from '../../lib/telemetry/service-metrics';
import { runService, type RunningService } from '../../lib/process/run-service';
import { stopStep } from '../../lib/process/shutdown';
import { mailerConfigFromEnv, type MailerConfig } from './config';
import { mailerDatabase } from './database';
import { EmailDeliveries } from './email-deliveries';
import { handleMailerEvent, mailerEventTypes } from './handlers';
import { MailSender } from './mail-sender';

/** Starts the mailer: one durable consumer per event type it handles, health on its own port. */
export async function start(config: MailerConfig): Promise<RunningService> {
  const logger = createLogger('mailer', config.logLevel);
  const dataSource = await openDatabase({
    url: config.databaseUrl,
    ...mailerDatabase,
    // Each consumer holds one connection for its event's transaction while recording deliveries
    // on a second; two per consumer, plus health checks and inbox pruning, never run dry.
    poolSize: 2 * mailerEventTypes.length + 2,
    logger,
  });
  const bus = await connectEventBus({ ...config.nats, name: 'mailer', logger });
  const sender = new MailSender(config.smtpUrl, config.mailFrom);
  const metrics = createServiceMetrics('mailer');
  const consumerMetrics = new ConsumerMetrics(metrics, bus.jsm);
  const deliveries = new EmailDeliveries(dataSource, sender, logger);
  const consumers = await Promise.all(
    mailerEventTypes.map((type) =>
      startConsumer({
        bus,
        dataSource,
        logger,
        name: 'mailer',
        type,
        retry: config.retry,
        metrics: consumerMetrics,
        handle: (event, manager) => handleMailerEvent(event, manager, deliveries, config.publicUrl),
      }),
    ),
  );
  const app = express();
  addHealthRoutes(app, [
    databaseCheck(dataSource),
    natsCheck(bus),
    { name: 'smtp', check: () => sender.verify() },
  ]);
  // Internal like the subgraphs: the mailer serves no public traffic.
  app.get('/metrics', metricsHandler(metrics));
  const http = await listen(app, config.host, config.port);
  const url = `${http.url}/healthz`;
  logger.info({ url }, 'mailer running');
  return {
    url,
    stop: async () => {
      await http.close();
      await Promise.all(
        consumers.map((consumer, index) =>
          stopStep(`mailer: consumer of ${mailerEventTypes[index]}`, consumer.stop),
        ),
      );
      await stopStep('mailer: NATS connection', () => bus.close());
      sender.close();
      await stopStep('mailer: database pool', () => dataSource.destroy());
    },
  };
}

export const startFromEnv = (env: Env) => start(mailerConfigFromEnv(env));

if (require.main === module) runService('mailer', startFromEnv);
