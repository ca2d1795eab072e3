// First: tracing must hook http, express and pg before anything loads them.
import '../../lib/telemetry/register';
import 'reflect-metadata';
import express from 'express';
import type { Env } from '../../lib/config/parse-env';
import { addHealthRoutes } from '../../lib/http/health';
import { listen } from '../../lib/http/listen';
import { metricsHandler } from '../../lib/telemetry/service-metrics';
import { runService, type RunningService } from '../../lib/process/run-service';
import { openServiceRuntime } from '../../lib/process/service-runtime';
import { startPoller } from '../../lib/process/poller';
import { stopStep } from '../../lib/process/shutdown';
import { mailerConfigFromEnv, type MailerConfig } from './config';
import { mailerDatabase } from './database';
import { pruneEmailDeliveries } from './delivery-retention';
import { EmailDeliveries } from './email-deliveries';
import { handleMailerEvent, mailerEventTypes, mailerHandles } from './handlers';
import { MailSender } from './mail-sender';

/**
 * Starts the mailer from the same runtime as the subgraphs (logs, database, NATS, relay, metrics),
 * one durable consumer per event type it handles, health on its own port.
 */
export async function start(config: MailerConfig): Promise<RunningService> {
  const runtime = await openServiceRuntime(config, mailerDatabase, {
    // Each consumer holds one connection for its event's transaction while recording deliveries
    // on a second; two per consumer, plus health checks and inbox pruning, never run dry.
    poolSize: 2 * mailerEventTypes.length + 2,
  });
  const { dataSource, logger } = runtime;
  const sender = new MailSender(config.smtpUrl, config.mailFrom);
  const deliveries = new EmailDeliveries(dataSource, sender, logger);
  // One email at a time per event type: SMTP is the bottleneck, and the pool above is sized for it.
  const consume = runtime.consumer('mailer', { retry: config.retry, concurrency: 1 });
  const consumers = await Promise.all(
    mailerEventTypes.map((type) =>
      consume(
        type,
        (event, manager) => handleMailerEvent(event, manager, deliveries, config.publicUrl),
        mailerHandles,
      ),
    ),
  );
  let stopping = false;
  const { retention } = config.nats;
  const pruner = startPoller({
    name: 'email-delivery-retention',
    intervalMs: retention.pruneIntervalMs,
    logger,
    task: async () => {
      const deleted = await pruneEmailDeliveries(
        dataSource,
        config.deliveryRetentionMs,
        retention.pruneBatchSize,
        () => !stopping,
      );
      if (deleted) logger.debug({ deleted }, 'old email deliveries pruned');
    },
  });
  const app = express();
  addHealthRoutes(app, [...runtime.readiness, { name: 'smtp', check: () => sender.verify() }]);
  // Internal like the subgraphs: the mailer serves no public traffic.
  app.get('/metrics', metricsHandler(runtime.metrics));
  const http = await listen(app, config.host, config.port);
  const url = `${http.url}/healthz`;
  logger.info({ url }, 'mailer running');
  return {
    url,
    stop: async () => {
      await http.close();
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      stopping = true;
      await stopStep('mailer: email delivery retention', () => pruner.stop());
      sender.close();
      await runtime.close();
    },
  };
}

export const startFromEnv = (env: Env) => start(mailerConfigFromEnv(env));

if (require.main === module) runService('mailer', startFromEnv);
