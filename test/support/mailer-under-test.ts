import { serviceDatabaseUrl } from '../../lib/config/common-env';
import type { Env } from '../../lib/config/parse-env';
import { dropDatabase } from '../../lib/db/database';
import type { EventCatalogue, EventType } from '../../lib/events/catalogue';
import { connectEventBus, type EventBus } from '../../lib/events/event-bus';
import { mailerConfigFromEnv } from '../../workers/mailer/config';
import { start } from '../../workers/mailer/main';
import { newEnvelope, publishEnvelope, testLogger } from './event-streams';
import { SmtpSink } from './smtp-sink';
import { TEST_DATABASE_URL, TEST_NATS_URL, testEnv, uniquePrefix } from './test-env';
import { deleteStreams } from './test-system';

export interface MailerUnderTest {
  prefix: string;
  sink: SmtpSink;
  /** Publishes an event as its producer would. */
  publish<T extends EventType>(type: T, data: EventCatalogue[T]): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The mailer alone, with fresh subjects and database, an SMTP sink and short retry delays; events
 * are published straight to JetStream, as the services that own them would.
 */
export async function startMailerUnderTest(overrides: Env = {}): Promise<MailerUnderTest> {
  const prefix = uniquePrefix();
  const sink = new SmtpSink();
  await sink.start();
  const mailer = await start(
    mailerConfigFromEnv(
      testEnv(prefix, {
        SMTP_URL: sink.url,
        MAILER_RETRY_BASE_MS: '200',
        MAILER_RETRY_MAX_MS: '400',
        ...overrides,
      }),
    ),
  );
  const bus: EventBus = await connectEventBus({
    url: TEST_NATS_URL,
    prefix,
    name: 'test',
    logger: testLogger(),
  });
  return {
    prefix,
    sink,
    publish: (type, data) => publishEnvelope(bus, newEnvelope(type, data)),
    stop: async () => {
      await mailer.stop();
      await bus.close();
      await sink.stop();
      await dropDatabase(serviceDatabaseUrl('mailer', {}, TEST_DATABASE_URL, prefix));
      await deleteStreams(prefix);
    },
  };
}
