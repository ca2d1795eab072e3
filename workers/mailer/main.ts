import 'reflect-metadata';
import express from 'express';
import type { Env } from '../../lib/config/parse-env';
import { openDatabase } from '../../lib/db/database';
import { startConsumer } from '../../lib/events/consumer';
import { connectEventBus } from '../../lib/events/event-bus';
import { EventTables1763700000000 } from '../../lib/events/event-tables.migration';
import { InboxEntry } from '../../lib/events/inbox-entry.entity';
import { OutboxMessage } from '../../lib/events/outbox-message.entity';
import { addHealthRoutes, databaseCheck, natsCheck } from '../../lib/http/health';
import { listen } from '../../lib/http/listen';
import { createLogger } from '../../lib/logger';
import { runService, type RunningService } from '../../lib/process/run-service';
import { mailerConfigFromEnv, type MailerConfig } from './config';
import { handleMailerEvent, mailerEventTypes } from './handlers';
import { MailSender } from './mail-sender';
import { CreateSentEmails1763700000002 } from './migrations/1763700000002-create-sent-emails';
import { CreateRecipients1763700000003 } from './migrations/1763700000003-create-recipients';
import { OrderCustomer, Recipient } from './recipient.entity';
import { SentEmail } from './sent-email.entity';

/** Starts the mailer: one durable consumer per event type it handles, health on its own port. */
export async function start(config: MailerConfig): Promise<RunningService> {
  const logger = createLogger('mailer', config.logLevel);
  const dataSource = await openDatabase({
    url: config.databaseUrl,
    entities: [SentEmail, Recipient, OrderCustomer, InboxEntry, OutboxMessage],
    migrations: [
      EventTables1763700000000,
      CreateSentEmails1763700000002,
      CreateRecipients1763700000003,
    ],
    logger,
  });
  const bus = await connectEventBus({ ...config.nats, name: 'mailer', logger });
  const sender = new MailSender(config.smtpUrl, config.mailFrom);
  const consumers = await Promise.all(
    mailerEventTypes.map((type) =>
      startConsumer({
        bus,
        dataSource,
        logger,
        name: 'mailer',
        type,
        retry: config.retry,
        handle: (event, manager) => handleMailerEvent(event, manager, sender, config.publicUrl),
      }),
    ),
  );
  const app = express();
  addHealthRoutes(app, [
    databaseCheck(dataSource),
    natsCheck(bus),
    { name: 'smtp', check: () => sender.verify() },
  ]);
  const http = await listen(app, config.host, config.port);
  const url = `${http.url}/healthz`;
  logger.info({ url }, 'mailer running');
  return {
    url,
    stop: async () => {
      await http.close();
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await bus.close();
      sender.close();
      await dataSource.destroy();
    },
  };
}

export const startFromEnv = (env: Env) => start(mailerConfigFromEnv(env));

if (require.main === module) runService('mailer', startFromEnv);
